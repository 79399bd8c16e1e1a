import Testing
@testable import NyhetsbrevCore

@Suite struct HTMLSanitizerTests {
    @Test func removesScriptsHandlersAndJavascriptLinks() {
        let html = #"<p onclick="evil()" style="color:red">Hej <script>alert(1)</script><a href="javascript:alert(1)">x</a> <a href=" JaVaScRiPt:alert(2)">y</a><iframe src="https://e.com">z</iframe></p><style>p{}</style>"#
        let out = HTMLSanitizer.sanitize(html, base: nil)
        #expect(out == "<p>Hej <a>x</a> <a>y</a></p>")
    }

    @Test func keepsSafeLinksAndResolvesRelativeOnes() {
        let out = HTMLSanitizer.sanitize(#"<a href="/nyheter/1?a=1&amp;b=2" title="t">n</a><img src="bild.png" alt="b"><a href="mailto:a@b.se">m</a><a href="ftp://x">f</a>"#, base: "https://www.skr.se/om/")
        #expect(out == #"<a href="https://www.skr.se/nyheter/1?a=1&amp;b=2" title="t">n</a><img src="https://www.skr.se/om/bild.png" alt="b"><a href="mailto:a@b.se">m</a><a>f</a>"#)
    }

    /// Attributes past the eight a start tag keeps inline, in order, and none
    /// left over from the tag before, for every count around that boundary.
    @Test func attributesPastTheInlineOnesAreKeptInOrder() {
        for count in 0...20 {
            let filler = (0..<count).map { " data-a\($0)=\"\($0)\"" }.joined()
            let html = "<img\(filler) alt=\"a\" title=t src=\"/i.png\"\(filler) width=3><a href=x>l</a><b>n</b>"
            #expect(HTMLSanitizer.sanitize(html, base: "https://e.se/d/")
                == #"<img alt="a" title="t" src="https://e.se/i.png" width="3"><a href="https://e.se/d/x">l</a><b>n</b>"#, "\(count)")
        }
    }

    @Test func balancesUnclosedAndDropsStrayTags() {
        #expect(HTMLSanitizer.sanitize("<div><p><b>x</div></i>y", base: nil) == "<div><p><b>x</b></p></div>y")
        #expect(HTMLSanitizer.sanitize("<form action=x><input name=q>Sök</form>", base: nil) == "Sök")
    }

    /// Balancing against a reference stack of names, over generated tag
    /// soup nesting from a few levels to well past the open elements kept
    /// inline, so end tags are matched on both sides of that boundary.
    @Test func balancingAgreesWithAReferenceAtAnyDepth() {
        let tags = ["b", "i", "u", "em", "span", "div"]
        var state: UInt64 = 3
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        for round in 0..<300 {
            var input = ""
            var expected = ""
            var open: [String] = []
            for k in 0..<(round % 60) {
                let tag = tags[next(tags.count)]
                if next(3) == 0 {
                    input += "</\(tag)>"
                    if let index = open.lastIndex(of: tag) {
                        for closed in open[index...].reversed() { expected += "</\(closed)>" }
                        open.removeSubrange(index...)
                    }
                } else {
                    input += "<\(tag)>"
                    expected += "<\(tag)>"
                    open.append(tag)
                }
                input += "t\(k)"
                expected += "t\(k)"
            }
            for closed in open.reversed() { expected += "</\(closed)>" }
            #expect(HTMLSanitizer.sanitize(input, base: nil) == (expected.isEmpty ? nil : expected), "\(input)")
        }
    }

    @Test func onlyHTTPAndMailtoSchemesAreFollowedInAnyCase() {
        for url in ["HTTPS://e.se/", "Http://e.se/", "MailTo:a@b.se", "h\tt tp://e.se/", "/rel:x", "?q=a:b", "#a:b"] {
            #expect(HTMLSanitizer.safeURL(url, base: nil) != nil, "\(url)")
        }
        for url in ["javascript:x", "httpx://e.se/", "mailtox:a", "htt:x", "data:text/html,x", "vbscript:x", "xxxxhttp:x", "abcdefghttps:x", ":x"] {
            #expect(HTMLSanitizer.safeURL(url, base: nil) == nil, "\(url)")
        }
    }

    /// The URL check on bytes answers `http://` and `https://` from the
    /// first eight bytes: against a plain reading of the scheme (bytes up to
    /// 0x20 ignored, up to the first `:`, none before `/ ? #`), for schemes
    /// near those prefixes followed by 0...40 more bytes, cut at every length.
    @Test func urlCheckOnBytesAgreesWithAPlainSchemeReading() {
        func expected(_ url: [UInt8]) -> Bool {
            let kept = url.filter { $0 > 0x20 }
            guard let end = kept.firstIndex(where: { [0x3A, 0x2F, 0x3F, 0x23].contains($0) }), kept[end] == 0x3A else { return true }
            let scheme = String(decoding: kept[..<end].map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }, as: UTF8.self)
            return ["http", "https", "mailto"].contains(scheme)
        }
        let schemes = [
            "http://", "https://", "HTTP://", "Https://", "http:/", "https:", "http:", "http", "httpx://", "http//", "javascript:",
            "mailto:", " http://", "ht\ttp://", "https:\n//", "ftp://", "data:", "", "/", "?a:b", "#x:y", "h:",
        ]
        let tail = Array("x:y/z?q=1&r=2#f".utf8)
        var checked = 0
        for scheme in schemes {
            for extra in 0...40 {
                let url = Array(scheme.utf8) + (0..<extra).map { tail[$0 % tail.count] }
                for length in 0...url.count {
                    let answer = url.withUnsafeBufferPointer { HTMLSanitizer.isFollowable(UnsafeBufferPointer(rebasing: $0[0..<length])) }
                    #expect(answer == expected(Array(url[..<length])), "\(url[..<length])")
                    checked += 1
                }
            }
        }
        #expect(checked > 10_000)
    }

    /// URL attributes are checked from their bytes unless a relative
    /// reference needs the base; either way the link is what `safeURL`
    /// makes of the decoded value, or none when that is nil.
    @Test func urlAttributesAreWhatSafeURLMakesOfTheirValue() {
        let values = ["https://e.se/x?a=1&amp;b=2", " /rel/path ", "rel", "", "  ", "javascript:alert(1)", "JaVa&#09;script:x",
                      "&#x6A;avascript:x", "mailto:a@b.se", "data:text/html,x", "//cdn.e.se/x.png", "?q=1", "#frag", "\tHTTPS://E.SE/\n",
                      "ftp://x", "a\"b<c>", "vbscript:x", "http:x", "x:y/z", "1http:x", "https://e.se/å ö", "&#104;ttps://e.se/",
                      // a `&` that starts no reference, references cut off at the end, and one ending the value
                      "https://e.se/?a=1&b=2", "https://e.se/&amp", "https://e.se/&#", "&", "/x&amp;", "https://e.se/x&#x41;"]
        var linked = 0
        for base in [nil, "", "https://e.se/a/b.html"] as [String?] {
            for value in values {
                var bytes = Array(value.utf8)
                var decoded = ByteBuffer(capacity: 0)
                bytes.withUnsafeMutableBufferPointer { HTMLEntities.decode(UnsafeBufferPointer($0), 0, $0.count, appendingTo: &decoded) }
                let safe = HTMLSanitizer.safeURL(decoded.makeString() ?? "", base: base).map { HTMLSanitizer.escape($0, attribute: true) }
                if safe != nil { linked += 1 }
                #expect(HTMLSanitizer.sanitize("<a href='\(value)'>l</a>", base: base) == "<a\(safe.map { " href=\"\($0)\"" } ?? "")>l</a>",
                        "\(value) against \(base ?? "no base")")
                #expect(HTMLSanitizer.sanitize("<img src='\(value)'>", base: base) == "<img\(safe.map { " src=\"\($0)\"" } ?? "")>", "\(value)")
            }
        }
        #expect(linked > 40)
    }

    /// Untrusted content must not cost quadratic time: every stray end tag
    /// used to scan the whole stack of open elements.
    @Test func strayEndTagsUnderDeepNestingStayFast() {
        let depth = 100_000
        let html = String(repeating: "<b>", count: depth) + String(repeating: "</i>", count: depth) + "x"
        let clock = ContinuousClock()
        var rendered: (html: String?, text: String?) = (nil, nil)
        let elapsed = clock.measure { rendered = HTMLSanitizer.render(html, base: nil) }
        #expect(rendered.html == String(repeating: "<b>", count: depth) + "x" + String(repeating: "</b>", count: depth))
        #expect(rendered.text == "x")
        // linear takes well under a second even in a debug build; the quadratic scan took minutes there
        #expect(elapsed < .seconds(10), "\(elapsed)")
        // an end tag still closes everything opened inside its element
        #expect(HTMLSanitizer.sanitize("<i>a<b>b<u>c</i>d</b>e", base: nil) == "<i>a<b>b<u>c</u></b></i>de")
    }

    @Test func htmlToText() {
        #expect(HTMLText.text(fromHTML: "<p>Ett</p><p>två&nbsp;&amp; tre</p><script>x()</script><b>fy</b>ra<br>fem &#8217; &#x2019; &#150;") == "Ett två & tre fyra fem ’ ’ –")
        #expect(HTMLText.text(fromHTML: "a < b and c > d") == "a < b and c > d")
        #expect(HTMLText.text(fromHTML: "Caf\u{65}\u{301}") == "Café")
    }

    /// A comment left open hides the rest of the text, as HTML reads it,
    /// and what it hides (a script here) never reaches the digest as markup either.
    @Test func anUnclosedCommentRunsToTheEnd() {
        #expect(HTMLText.text(fromHTML: "safe<!--") == "safe")
        #expect(HTMLText.text(fromHTML: "sa<!-- -- x >fe<script>alert(1);</script>") == "sa")
        #expect(HTMLSanitizer.sanitize("<b>safe</b><!-- <script>alert(1)</script>", base: nil) == "<b>safe</b>")
        #expect(HTMLText.text(fromHTML: "a<!-- closed -->b") == "ab")
    }

    @Test func titleHTMLDetection() {
        #expect(HTMLText.looksLikeHTML("<b>Fet</b> rubrik"))
        #expect(HTMLText.looksLikeHTML("AT&amp;T"))
        #expect(!HTMLText.looksLikeHTML("a < b > c"))
        #expect(!HTMLText.looksLikeHTML("<foo>x</foo>"))
        #expect(!HTMLText.looksLikeHTML("Vård & omsorg"))
        // the markup at every offset of the sixteen-byte steps and of the last sixteen bytes
        for k in 0..<40 {
            let pad = String(repeating: "ä", count: k / 2) + String(repeating: "a", count: k % 2)
            #expect(HTMLText.looksLikeHTML(pad + "<b>Fet</b> rubrik"), "\(k)")
            #expect(HTMLText.looksLikeHTML(pad + "AT&amp;T"), "\(k)")
            #expect(HTMLText.looksLikeHTML("Rubrik " + pad + "</i>"), "\(k)")
            #expect(!HTMLText.looksLikeHTML(pad + "a < b > c &amp"), "\(k)")
            #expect(!HTMLText.looksLikeHTML(pad + "<b>x</b><foo>"), "\(k)")
            #expect(HTMLText.looksLikeHTML(pad + "&#8217;"), "\(k)")
            #expect(!HTMLText.looksLikeHTML(pad + "&#8217"), "\(k)")
            #expect(!HTMLText.looksLikeHTML("&#8217; " + pad + "<foo"), "\(k)")
        }
    }
}
