import Foundation
import Testing
@testable import NyhetsbrevCore

/// The byte-level entry points of the HTML and text path (for callers that
/// hold libxml2's UTF-8 and should not make a String first), and the pieces
/// that make that path fast: the tag and attribute tables and whitespace
/// collapse done in pieces while the sanitizer writes.
@Suite struct HTMLBytesTests {
    private func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    @Test func renderFromBytesMatchesTheStringEntryPoint() {
        let html = #"<P Class="x" onclick="e()">Vård &amp; omsorg<br/>i <A HREF='/a?b=1&amp;c=2'>Örebro</A><script>x()</script></p>"#
        let fromBytes = bytes(html).withUnsafeBufferPointer { HTMLSanitizer.render(utf8: $0, base: "https://rcc.se/n/") }
        #expect(fromBytes.html == #"<p>Vård &amp; omsorg<br>i <a href="https://rcc.se/a?b=1&amp;c=2">Örebro</a></p>"#)
        #expect(fromBytes.text == "Vård & omsorg i Örebro")
        let fromString = HTMLSanitizer.render(html, base: "https://rcc.se/n/")
        #expect(fromBytes.html == fromString.html && fromBytes.text == fromString.text)
    }

    @Test func invalidUTF8ReadsAsReplacementCharacters() {
        let raw: [UInt8] = [0x3C, 0x62, 0x3E, 0x61, 0xFF, 0x62, 0x3C, 0x2F, 0x62, 0x3E, 0x20, 0xC3]
        let rendered = raw.withUnsafeBufferPointer { HTMLSanitizer.render(utf8: $0, base: nil) }
        #expect(rendered.html == "<b>a\u{FFFD}b</b> \u{FFFD}")
        #expect(rendered.text == "a\u{FFFD}b \u{FFFD}")
        #expect(raw.withUnsafeBufferPointer { TextCleaner.clean(utf8: $0) } == "<b>a\u{FFFD}b</b> \u{FFFD}")
        let plain = raw.withUnsafeBufferPointer { FeedText.plain(utf8: $0, repairMojibake: true) }
        #expect(plain.text == "<b>a\u{FFFD}b</b> \u{FFFD}")
        #expect(plain.html == "&lt;b&gt;a\u{FFFD}b&lt;/b&gt; \u{FFFD}")
    }

    @Test func feedTextFromBytesRepairsMojibakeAndEscapes() {
        let plain = bytes("  CafÃ© & bar <i>  ").withUnsafeBufferPointer { FeedText.plain(utf8: $0, repairMojibake: true) }
        #expect(plain.text == "Café & bar <i>")
        #expect(plain.html == "Café &amp; bar &lt;i&gt;")
        // after ASCII of any length (skipped eight bytes at a time)
        for k in 0..<20 {
            let ascii = String(repeating: "a", count: k)
            #expect(Mojibake.repair(ascii + "CafÃ© Ã\u{84}Ã¤") == ascii + "Café Ää", "\(k)")
            #expect(Mojibake.repair(ascii + "Vår CafÃ©") == ascii + "Vår CafÃ©", "\(k)")
            #expect(Mojibake.repair(ascii + "CafÃ") == ascii + "CafÃ", "\(k)")
            #expect(Mojibake.repair(ascii + "Ã¥ngstrÃ¶m Â§ 3") == ascii + "ångström § 3", "\(k)")
        }
        let kept = bytes("Vår CafÃ©").withUnsafeBufferPointer { FeedText.plain(utf8: $0, repairMojibake: true) }
        #expect(kept.text == "Vår CafÃ©")
        // the ASCII run before the double-encoded text is skipped eight bytes at a time
        let long = bytes("<p>Nyheter fran regionen: CafÃ© oppnar</p>").withUnsafeBufferPointer {
            FeedText.html(utf8: $0, base: nil, repairMojibake: true)
        }
        #expect(long.html == "<p>Nyheter fran regionen: Café oppnar</p>")
        #expect(long.text == "Nyheter fran regionen: Café oppnar")
        let empty = bytes(" \t ").withUnsafeBufferPointer { FeedText.plain(utf8: $0, repairMojibake: false) }
        #expect(empty.text == nil && empty.html == nil)
    }

    @Test func textIsCollapsedAcrossTagsAndReferences() {
        #expect(HTMLText.text(fromHTML: "  <p> Ett </p>\n<p>två&nbsp;&#32;\t<b> tre</b></p>&#x20; ") == "Ett två tre")
        #expect(HTMLText.text(fromHTML: "<div></div><br><p>x</p><br>") == "x")
        #expect(HTMLText.text(fromHTML: "a<b>b</b>c") == "abc")
        // C1 controls written raw or as references read as Windows-1252
        #expect(HTMLText.text(fromHTML: "<p>a\u{85}b &#133; &#x80; &#150;</p>") == "a…b … € –")
    }

    @Test func textNFCIsAppliedToTheWholeTextNotToPieces() {
        let rendered = HTMLSanitizer.render("<p>Cafe\u{301}</p>  <b>A\u{30A}re</b>&#x301;", base: nil)
        // String's == is canonical equivalence: count the scalars to see the composition
        #expect(rendered.text.map { Array($0.unicodeScalars) } == Array("Caf\u{E9} \u{C5}r\u{E9}".unicodeScalars))
        // the sanitized HTML keeps the text as published
        #expect(rendered.html.map { Array($0.unicodeScalars) } == Array("<p>Cafe\u{301}</p>  <b>A\u{30A}re</b>\u{301}".unicodeScalars))
    }

    /// The tag table is built from the name lists, each name numbered once
    /// however many lists hold it: every tag's flags say exactly which sets
    /// hold it, and every number belongs to one name.
    @Test func tagFlagsAreTheSetsEachTagIsIn() {
        let sets: [(Set<String>, HTMLTags.Flags)] = [
            (HTMLSanitizer.allowedTags, .allowed), (HTMLSanitizer.droppedWithContent, .dropped), (HTMLSanitizer.voidTags, .void),
            (HTMLText.blockTags, .textBlock), (HTMLText.skippedTags, .textSkipped), (["script", "style"], .rawText),
        ]
        var all = sets.reduce(into: Set<String>()) { $0.formUnion($1.0) }
        all.insert("title")
        #expect(HTMLTags.table.count == all.count)
        #expect(HTMLTags.flags.count == all.count + 1)
        var numbers = Set<Int>()
        for name in all {
            let number = bytes(name).withUnsafeBufferPointer { HTMLTags.table.lookup($0, 0, $0.count) }
            numbers.insert(number)
            let expected = sets.reduce(into: HTMLTags.Flags()) { flags, set in if set.0.contains(name) { flags.insert(set.1) } }
            #expect(HTMLTags.flags[number] == expected, "\(name)")
        }
        #expect(numbers == Set(1...all.count))
        #expect(HTMLTags.title != 0 && HTMLTags.flags[HTMLTags.title] == [])
        let attributes = HTMLSanitizer.allowedAttributes.map { name in bytes(name).withUnsafeBufferPointer { HTMLSanitizer.attributeTable.lookup($0, 0, $0.count) } }
        #expect(Set(attributes) == Set(1...HTMLSanitizer.allowedAttributes.count))
    }

    @Test func tagsAreFoundInAnyCaseAndUnknownOrLongNamesAreNot() {
        #expect(HTMLSanitizer.sanitize("<BLOCKQUOTE>x</Blockquote><FigCaption>y</figcaption>", base: nil) == "<blockquote>x</blockquote><figcaption>y</figcaption>")
        #expect(HTMLSanitizer.sanitize("<verylongcustomtagname>t</verylongcustomtagname><blockquotex>u</blockquotex>", base: nil) == "tu")
        #expect(HTMLSanitizer.sanitize("<SCRIPT>alert('</b>')</ScRiPt>ok<StYlE>p{}</sTyLe>", base: nil) == "ok")
        #expect(HTMLSanitizer.sanitize("<scriptx>a</scriptx><h7>b</h7><H6>c</H6>", base: nil) == "ab<h6>c</h6>")
        for name in HTMLSanitizer.allowedTags.union(HTMLSanitizer.droppedWithContent).union(HTMLText.blockTags) {
            let upper = bytes(name.uppercased())
            let number = upper.withUnsafeBufferPointer { HTMLTags.table.lookup($0, 0, $0.count) }
            #expect(number != 0, "\(name)")
            var written = ByteBuffer(capacity: 16)
            HTMLTags.table.append(number, to: &written)
            #expect(written.makeString() == name)
        }
        #expect(bytes("h7").withUnsafeBufferPointer { HTMLTags.table.lookup($0, 0, $0.count) } == 0)
    }

    /// Name lookup, which reads a name a word at a time where the buffer
    /// allows and byte by byte near its end, against a plain comparison
    /// with every name in the table: generated names of 1...16 bytes (known
    /// names in any case, with a byte changed or added, ASCII punctuation
    /// next to the letters and bytes with the high bit set) at every
    /// distance from the end of the buffer.
    @Test func nameLookupAgreesWithAPlainComparison() {
        let known = Array(HTMLSanitizer.allowedTags.union(HTMLSanitizer.droppedWithContent).union(HTMLText.blockTags)).sorted()
        let bytePool: [UInt8] = Array("aAzZmM09-_:@[`{".utf8) + [0x80, 0xC1, 0xC4, 0xDA, 0xE1, 0xFA, 0xFF]
        var state: UInt64 = 5
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        func expected(_ name: [UInt8]) -> Int {
            let lower = name.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }
            for number in 1..<HTMLTags.flags.count {
                let key = HTMLTags.table.name(number)
                if key.length == lower.count, (0..<key.length).allSatisfy({ key.byte($0) == lower[$0] }) { return number }
            }
            return 0
        }
        var names: [[UInt8]] = []
        for name in known {
            var bytes = Array(name.utf8)
            names.append(bytes.map { next(2) == 0 ? $0 & ~0x20 : $0 })
            bytes[next(bytes.count)] = bytePool[next(bytePool.count)]
            names.append(bytes)
            names.append(Array(name.utf8) + [bytePool[next(bytePool.count)]])
        }
        for _ in 0..<2000 { names.append((0..<(1 + next(16))).map { _ in bytePool[next(bytePool.count)] }) }
        for name in names {
            let number = expected(name)
            for after in 0...17 {
                let buffer = Array("<x ".utf8) + name + Array(repeating: UInt8(ascii: ">"), count: after)
                let found = buffer.withUnsafeBufferPointer { HTMLTags.table.lookup($0, 3, 3 + name.count) }
                #expect(found == number, "\(name) with \(after) bytes after it")
            }
        }
    }

    @Test func attributesAreMatchedInAnyCaseAndDecodedOnce() {
        let out = HTMLSanitizer.sanitize(
            #"<A HREF='/x' TITLE="a&quot;b &amp;amp;" onClick=x STYLE=y DataTime=z datetime=2020 href=javascript:x>l</A>"#,
            base: "https://e.se/")
        #expect(out == #"<a href="https://e.se/x" title="a&quot;b &amp;amp;" datetime="2020">l</a>"#)
        #expect(HTMLSanitizer.sanitize(#"<img SRC="&#x6A;avascript:alert(1)" alt=x>"#, base: nil) == #"<img alt="x">"#)
    }

    /// TextCleaner against a slow reference written from its specification
    /// (NFC, C1 as Windows-1252, Python's whitespace, runs collapsed), over
    /// generated text that puts spaces, tabs and non-ASCII at every offset
    /// of the eight- and sixteen-byte steps.
    @Test func cleanAgreesWithAReferenceImplementation() {
        let pieces = ["abcdefgh", "abcdefghijklmnop", "vård överlevnad ", "a", "bc", " ", "  ", "\t", "\n", "\u{1F}", "\u{7F}", "å", "Ö", "é", "e\u{301}", "\u{85}", "\u{81}", "\u{A0}",
                      "\u{2003}", "\u{3000}", "–", "€", "™", "\u{1F600}", "\u{0}", "x y", "xy z w", "\u{FFFD}", "\u{FEFF}", "и", "\u{306}",
                      "\u{627}", "\u{653}", "\u{AC00}", "\u{11A8}", "\u{1161}", "\u{2126}", "\u{F900}"]
        var state: UInt64 = 42
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        // a two-byte character straddling the end of an eight-byte step, then one that needs decoding;
        // or a single space, a Latin letter or a space run last in a step (the steps that keep seven bytes)
        for offset in 0..<33 {
            for tail in ["\u{85}x", "\u{9F}", "\u{A0}y", "  z", "e\u{301}", "\u{2003}\u{2003}w", " x", "å", "öö ö", " \t", "ä"] {
                let s = String(repeating: "a", count: offset) + "é" + tail + String(repeating: "b c", count: 8)
                #expect(TextCleaner.clean(s) == Self.referenceClean(s), "\(s.debugDescription)")
                #expect(HTMLText.text(fromHTML: "<p>" + s + "</p>") == Self.referenceClean(s), "\(s.debugDescription)")
            }
        }
        for _ in 0..<3000 {
            var s = ""
            for _ in 0..<next(30) { s += pieces[next(pieces.count)] }
            #expect(TextCleaner.clean(s) == Self.referenceClean(s), "\(s.debugDescription)")
        }
    }

    /// The one walk that collapses a text run and escapes it for the HTML
    /// against the two separate walks it replaces, over generated text with
    /// markup characters, spaces and non-ASCII at every offset of the
    /// eight- and sixteen-byte steps, in one piece or two, and with runs of references
    /// long enough to use up the room reserved for the HTML several times.
    @Test func collapseWithEscapingAgreesWithCollapseThenEscape() {
        let pieces = ["abcdefgh", "abcdefghijklmnop", "vård överlevnad ", "a", "bc", " ", "  ", "\t", "\n", "\u{1F}", "å", "Ö", "e\u{301}", "\u{85}", "\u{A0}", "\u{2003}", "€",
                      "\u{1F600}", "&", "<", ">", "\"", "a&b", "x<y>z", "&amp;", "&&&&&&&&", "<<<<>>>>", "äää&ööö"]
        var state: UInt64 = 7
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        var samples = [String(repeating: "&", count: 300), String(repeating: "ab<c", count: 90) + "ö", String(repeating: "ä>", count: 200)]
        for offset in 0..<33 {
            for tail in ["&x", "<", "ä&", " >", "\u{85}&", "e\u{301}<"] {
                samples.append(String(repeating: "a", count: offset) + "é" + tail + String(repeating: "b c", count: 8))
            }
        }
        for _ in 0..<2000 {
            var s = ""
            for _ in 0..<next(40) { s += pieces[next(pieces.count)] }
            samples.append(s)
        }
        for s in samples {
            let utf8 = Array(s.utf8)
            // a cut between two characters, as the renderer cuts text at references
            var cut = next(utf8.count + 1)
            while cut < utf8.count, utf8[cut] & 0xC0 == 0x80 { cut += 1 }
            Self.expectFusedAgreesWithSeparate(s, cut: cut)
        }
    }

    /// Collapsing and escaping `s` in one walk, in two pieces cut at `cut`,
    /// gives what collapsing the pieces and escaping the whole give.
    private static func expectFusedAgreesWithSeparate(_ s: String, cut: Int) {
        Array(s.utf8).withUnsafeBufferPointer { b in
            var fused = TextCollapse()
            var text = ByteBuffer(capacity: 0)
            var html = ByteBuffer(capacity: 0)
            fused.append(b, 0, cut, to: &text, escapingTo: &html)
            fused.append(b, cut, b.count, to: &text, escapingTo: &html)
            var separate = TextCollapse()
            var expectedText = ByteBuffer(capacity: 0)
            var expectedHTML = ByteBuffer(capacity: 0)
            separate.append(b, 0, cut, to: &expectedText)
            separate.append(b, cut, b.count, to: &expectedText)
            HTMLSanitizer.appendEscaped(b, 0, b.count, attribute: false, to: &expectedHTML)
            #expect(Array(text.bytes) == Array(expectedText.bytes), "\(s.debugDescription) cut at \(cut)")
            #expect(Array(html.bytes) == Array(expectedHTML.bytes), "\(s.debugDescription)")
            #expect(fused.mayNeedNFC == separate.mayNeedNFC, "\(s.debugDescription)")
        }
    }

    /// The walk that decodes character references as it collapses and
    /// escapes against decoding the whole run first: references of every
    /// kind (named, numeric, whitespace, C1, combining, unknown, unterminated,
    /// cut off at the end) at every offset of the sixteen-byte steps, in one
    /// piece or two.
    @Test func decodingWalkAgreesWithDecodingFirst() {
        let references = ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#39;", "&#32;", "&#x20;", "&#9;", "&#10;", "&nbsp;", "&#160;", "&#133;", "&#x80;", "&#150;",
                          "&#x301;", "&#8217;", "&#x2003;", "&#128512;", "&#0;", "&#1;", "&eacute;", "&bogus;", "&", "&&", "&#", "&#x;", "&amp", "&nbsp",
                          "&#65", "a&b", "&;", "&#xD800;", "&#1114112;"]
        var samples: [String] = []
        for offset in 0...20 {
            for reference in references {
                for tail in ["", " b", "&", "&amp", "ö", String(repeating: "cd ", count: 6)] {
                    samples.append(String(repeating: "a", count: offset) + reference + tail)
                    samples.append("  " + String(repeating: "ä ", count: offset) + reference + reference + tail)
                }
            }
        }
        for raw in samples {
            let utf8 = Array(raw.utf8)
            utf8.withUnsafeBufferPointer { b in
                var decoded = ByteBuffer(capacity: 0)
                HTMLEntities.decode(b, 0, b.count, appendingTo: &decoded)
                var expected = TextCollapse()
                var expectedText = ByteBuffer(capacity: 0)
                var expectedHTML = ByteBuffer(capacity: 0)
                expected.append(decoded.bytes, 0, decoded.count, to: &expectedText, escapingTo: &expectedHTML)
                // in one piece, and cut before the first `&` (as a tag would cut the run)
                let firstAmpersand = utf8.firstIndex(of: 0x26) ?? 0
                for cut in [0, firstAmpersand] {
                    var walk = TextCollapse()
                    var text = ByteBuffer(capacity: 0)
                    var html = ByteBuffer(capacity: 0)
                    walk.append(decoding: b, 0, cut, to: &text, escapingTo: &html)
                    walk.append(decoding: b, cut, b.count, to: &text, escapingTo: &html)
                    #expect(Array(text.bytes) == Array(expectedText.bytes), "\(raw.debugDescription) cut at \(cut)")
                    #expect(Array(html.bytes) == Array(expectedHTML.bytes), "\(raw.debugDescription) cut at \(cut)")
                    #expect(walk.mayNeedNFC == expected.mayNeedNFC, "\(raw.debugDescription)")
                }
            }
        }
    }

    /// Trimming ASCII whitespace on a string's bytes against trimming its
    /// characters: short (inline) and long strings, whitespace at either end
    /// or none, non-ASCII at the ends (never trimmed, no-break space included).
    @Test func stringTrimmingAgreesWithTrimmingCharacters() {
        func reference(_ s: String) -> String {
            let isTrimmed: (Character) -> Bool = { [" ", "\t", "\n", "\r", "\u{B}", "\u{C}", "\r\n"].contains($0) }
            return String(s.drop(while: isTrimmed).reversed().drop(while: isTrimmed).reversed())
        }
        for core in ["", "a", "ä", "\u{A0}a\u{A0}", "https://example.com/a?b=1", String(repeating: "lång text ", count: 8)] {
            for (before, after) in [("", ""), (" ", ""), ("", "\n"), ("\t\r\n ", " \u{C}"), ("\u{B}", "\r\n")] {
                let s = before + core + after
                #expect(s.trimmingASCIIWhitespace() == reference(s), "\(s.debugDescription)")
            }
        }
    }

    /// The shortcut for the usual scalars agrees with what "plain" means:
    /// above U+00A0 (no C1 control, no no-break space), not whitespace, NFC-inert.
    @Test func plainScalarsAreThoseCollapseKeepsAsTheyAre() async throws {
        // every scalar: seconds of work in a debug build, off the cooperative pool
        let mismatches = try await offPool { () -> [UInt32] in
            var mismatches: [UInt32] = []
            for v in UInt32(0x80)...0x10FFFF where TextCollapse.isPlain(v) != (v > 0xA0 && !TextCleaner.isSpace(v) && TextCleaner.isNFCInert(v)) {
                mismatches.append(v)
            }
            return mismatches
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    /// The sixteen-byte steps of collapse (runs kept as they are, whitespace
    /// runs) and the byte-by-byte tail after them, against the reference:
    /// every kind of byte that ends a kept run at every offset 0...20 of
    /// texts whose lengths fall around the step boundaries, after ASCII,
    /// Latin and Cyrillic letters, and whitespace runs of every length up to 40.
    @Test func collapseStepsAgreeAtEveryOffset() {
        let stoppers = [" ", "  ", " \t", "\t", "\n", "\r\n ", "\u{1C}", "\u{1}", "\u{7F}", "&", "<", ">", "\"", "é", "Ö", "\u{2FF}", "и", "ё", "\u{482}", "\u{483}", "\u{48A}",
                        "\u{85}", "\u{9F}", "\u{A0}", "\u{C1}", "\u{300}", "\u{2003}", "\u{202F}", "–", "€", "\u{FFFD}", "\u{1F600}", "ש", "ع", "\u{64B}", "e\u{301}", "\u{438}\u{306}"]
        let fillers = ["a", "Ö", "ж", "x y", "å ä", "ы ъ"]
        for filler in fillers {
            for offset in 0...20 {
                for stopper in stoppers {
                    for tail in ["", "b", "bc d", String(repeating: "k", count: 15), String(repeating: "lm ", count: 7)] {
                        let s = "x" + String(repeating: filler, count: offset) + stopper + tail
                        #expect(TextCleaner.clean(s) == Self.referenceClean(s), "\(s.debugDescription)")
                        Self.expectFusedAgreesWithSeparate(s, cut: 0)
                        Self.expectFusedAgreesWithSeparate(s, cut: 1)
                    }
                }
            }
        }
        let spaces: [Character] = [" ", "\t", "\n", "\r", "\u{B}", "\u{C}", "\u{1C}", "\u{1F}"]
        for length in 1...40 {
            let run = String((0..<length).map { spaces[($0 * 5 + length) % spaces.count] })
            for s in ["a" + run + "b", run + "ä" + run, "word" + run + "&" + run, String(repeating: "ab ", count: length) + run] {
                #expect(TextCleaner.clean(s) == Self.referenceClean(s), "\(s.debugDescription)")
                Self.expectFusedAgreesWithSeparate(s, cut: 0)
                Self.expectFusedAgreesWithSeparate(s, cut: 1)
            }
        }
    }

    /// Escaping, which looks for the next byte to rewrite sixteen bytes at a
    /// time and reads the last few as the sixteen ending at the run's end,
    /// against rewriting byte by byte: each markup byte (and a quote,
    /// rewritten only in attributes) at every offset of runs of every length
    /// up to 40, cut from buffers with and without bytes before and after the run.
    @Test func escapingAgreesWithAByteByByteReference() {
        func reference(_ bytes: ArraySlice<UInt8>, attribute: Bool) -> [UInt8] {
            bytes.flatMap { b -> [UInt8] in
                switch b {
                case 0x26: Array("&amp;".utf8)
                case 0x3C: Array("&lt;".utf8)
                case 0x3E: Array("&gt;".utf8)
                case 0x22 where attribute: Array("&quot;".utf8)
                default: [b]
                }
            }
        }
        for length in 1...40 {
            for offset in 0..<length {
                for special in Array("&<>\"=?ä".utf8) {
                    var run = Array(repeating: UInt8(ascii: "a"), count: length)
                    run[offset] = special
                    if offset + 3 < length { run[offset + 3] = UInt8(ascii: "&") }
                    for (before, after) in [(0, 0), (20, 0), (0, 20), (3, 5)] {
                        let buffer = Array(repeating: UInt8(ascii: "<"), count: before) + run + Array(repeating: UInt8(ascii: ">"), count: after)
                        for attribute in [false, true] {
                            var out: [UInt8] = []
                            buffer.withUnsafeBufferPointer { HTMLSanitizer.appendEscaped($0, before, before + length, attribute: attribute, to: &out) }
                            #expect(out == reference(run[...], attribute: attribute), "\(run) after \(before)")
                        }
                    }
                }
            }
        }
    }

    /// The UTF-8 check every text path relies on against the standard
    /// library's, over generated bytes:
    /// ASCII, two-byte characters and longer ones at every offset of the
    /// eight-byte steps, with overlong, surrogate, too-large, cut-off and
    /// stray bytes put in among them.
    @Test func utf8CheckAgreesWithTheStandardLibrary() {
        let valid: [[UInt8]] = ["abcdefgh", "a", " ", "å", "Ö", "\u{80}", "\u{7FF}", "€", "\u{FFFD}", "\u{D7FF}", "\u{E000}", "\u{1F600}", "\u{10FFFF}"]
            .map { Array($0.utf8) }
        let invalid: [[UInt8]] = [[0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xC3], [0xC3, 0x41], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80],
                                  [0xE2, 0x82], [0xF0, 0x80, 0x80, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xC3, 0xA5, 0xA5]]
        var state: UInt64 = 11
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        var samples: [[UInt8]] = []
        for offset in 0..<17 {
            for piece in valid + invalid {
                samples.append(Array(repeating: 0x61, count: offset) + piece + Array("åäöxåäöy".utf8))
                samples.append(Array(repeating: 0x61, count: offset) + Array("ö".utf8) + piece)
            }
        }
        for _ in 0..<5000 {
            var bytes: [UInt8] = []
            for _ in 0..<next(30) {
                bytes += next(20) == 0 ? invalid[next(invalid.count)] : valid[next(valid.count)]
            }
            samples.append(bytes)
        }
        var invalidSeen = 0
        for bytes in samples {
            let expected = String(validating: bytes, as: UTF8.self) != nil
            if !expected { invalidSeen += 1 }
            #expect(bytes.withUnsafeBufferPointer { UTF8Bytes.isValid($0) } == expected, "\(bytes)")
        }
        #expect(invalidSeen > 1000)
    }

    /// A buffer over scratch memory keeps what it wrote when it outgrows
    /// the scratch and moves to memory of its own, and leaves the scratch
    /// to its owner (too small a scratch is not used at all).
    @Test func byteBufferOutgrowsItsScratchMemory() {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { scratch in
            var buffer = ByteBuffer(scratch: scratch)
            let expected = Array("Vård och omsorg i Örebro län, ".utf8)
            expected.withUnsafeBufferPointer { piece in
                for _ in 0..<20 { buffer.append(piece) }
            }
            #expect(Array(buffer.bytes) == Array(Array(repeating: expected, count: 20).joined()))
            #expect(buffer.bytes.baseAddress != UnsafePointer(scratch.baseAddress))
            var small = ByteBuffer(scratch: UnsafeMutableBufferPointer(rebasing: scratch[0..<4]))
            small.append("0123456789abcdefghij")
            #expect(small.makeString() == "0123456789abcdefghij")
        }
        let large = String(repeating: "<p>Vård &amp; omsorg</p>", count: 100_000)
        let rendered = HTMLSanitizer.render(large, base: nil)
        #expect(rendered.html == String(repeating: "<p>Vård &amp; omsorg</p>", count: 100_000))
        #expect(rendered.text == Array(repeating: "Vård & omsorg", count: 100_000).joined(separator: " "))
    }

    /// The claim behind skipping normalisation: every scalar called inert has
    /// combining class 0, is its own NFC, alone and between letters, and is
    /// never a later scalar of any scalar's canonical decomposition (so it
    /// never composes with what stands before it); and text with a combining
    /// mark after one is still normalised.
    @Test func scalarsCalledNFCInertAreUnchangedByNFC() async throws {
        // two passes over every scalar through Foundation: seconds of work, off the cooperative pool
        let (laterHasMarksAndJamo, problems, checked) = try await offPool { () -> (Bool, [String], Int) in
            var laterInDecomposition = Set<UInt32>()
            for v in UInt32(0)...0x10FFFF {
                guard let scalar = Unicode.Scalar(v) else { continue }
                let category = scalar.properties.generalCategory
                guard category != .unassigned, category != .privateUse, category != .surrogate else { continue }
                let decomposed = String(Character(scalar)).decomposedStringWithCanonicalMapping.unicodeScalars
                for later in decomposed.dropFirst() { laterInDecomposition.insert(later.value) }
            }
            // what a decomposition puts after its first scalar: marks, and the jamo of Hangul syllables
            let marksAndJamo = laterInDecomposition.contains(0x301) && laterInDecomposition.contains(0x3099) && laterInDecomposition.contains(0x1161)
            var problems: [String] = []
            var checked = 0
            for v in UInt32(0)...0x10FFFF where TextCleaner.isNFCInert(v) {
                guard let scalar = Unicode.Scalar(v) else { continue }
                checked += 1
                let name = "U+\(String(v, radix: 16))"
                if scalar.properties.canonicalCombiningClass != .notReordered { problems.append("\(name) has a combining class") }
                if laterInDecomposition.contains(v) { problems.append("\(name) composes with what precedes it") }
                let alone = String(Character(scalar))
                if !alone.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(alone.unicodeScalars) {
                    problems.append("\(name) is changed by NFC")
                }
                let s = "a" + alone + "a"
                if !s.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(s.unicodeScalars) {
                    problems.append("\(name) is changed by NFC between letters")
                }
            }
            return (marksAndJamo, problems, checked)
        }
        #expect(laterHasMarksAndJamo)
        #expect(problems.isEmpty, "\(problems.prefix(20))")
        #expect(checked > 44_000)
        for (text, nfc) in [("\u{438}\u{306}", "\u{439}"), ("\u{627}\u{653}", "\u{622}"), ("\u{1100}\u{1161}", "\u{AC00}")] {
            #expect(TextCleaner.clean(text).map { Array($0.unicodeScalars) } == Array(nfc.unicodeScalars), "\(text.debugDescription)")
        }
    }

    /// Text that NFC could change is normalised by the standard library's
    /// NFC, not Foundation's: the two agree on every assigned scalar that is
    /// not NFC-inert, alone and between letters, after a letter it may
    /// compose with, and on marks in either order (canonical reordering),
    /// Hangul jamo and singletons (Ω U+2126, Å U+212B). They differ on a
    /// syllable of two jamo followed by a trailing jamo, which Foundation
    /// leaves apart and NFC (and Python's `unicodedata`, which the corpus
    /// contract follows) composes: the standard library composes it.
    @Test func standardLibraryNFCAgreesWithFoundation() {
        func agree(_ s: String) -> Bool {
            Array(s.precomposedStringWithCanonicalMapping.utf8) == s._nfcCodeUnits
        }
        var disagreements: [String] = []
        var checked = 0
        for v in UInt32(0)...0x10FFFF where !TextCleaner.isNFCInert(v) {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let category = scalar.properties.generalCategory
            guard category != .unassigned, category != .privateUse, category != .surrogate else { continue }
            let alone = String(Character(scalar))
            for s in [alone, "a" + alone + "a", "e" + alone, "\u{627}" + alone] where !agree(s) {
                disagreements.append("U+\(String(v, radix: 16)) in \(s.unicodeScalars.map { String($0.value, radix: 16) })")
            }
            checked += 1
        }
        let sequences = [
            "e\u{301}\u{323}", "e\u{323}\u{301}", "a\u{30A}\u{301}", "\u{627}\u{651}\u{650}", "\u{627}\u{650}\u{651}\u{64B}",
            "\u{1100}\u{1161}\u{11A8}", "\u{2126}\u{212B}\u{212A}", "\u{1E9B}\u{323}", "\u{CA}\u{300}\u{323}",
        ]
        for s in sequences where !agree(s) { disagreements.append(s.debugDescription) }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(20))")
        #expect(checked > 50_000)
        #expect("\u{AC00}\u{11A8}"._nfcCodeUnits == Array("\u{AC01}".utf8))
        #expect(TextCleaner.clean("x \u{AC00}\u{11A8}").map { Array($0.unicodeScalars) } == Array("x \u{AC01}".unicodeScalars))
    }

    private static func referenceClean(_ s: String) -> String? {
        var words: [String] = []
        var word = String.UnicodeScalarView()
        for scalar in s.precomposedStringWithCanonicalMapping.unicodeScalars {
            var v = scalar.value
            if v >= 0x80 && v <= 0x9F, TextCleaner.cp1252High[Int(v - 0x80)] != 0 { v = TextCleaner.cp1252High[Int(v - 0x80)] }
            if TextCleaner.isSpace(v) {
                if !word.isEmpty { words.append(String(word)); word = String.UnicodeScalarView() }
            } else if let mapped = Unicode.Scalar(v) {
                word.append(mapped)
            }
        }
        if !word.isEmpty { words.append(String(word)) }
        return words.isEmpty ? nil : words.joined(separator: " ")
    }
}
