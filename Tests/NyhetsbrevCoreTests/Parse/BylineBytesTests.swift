import Testing
@testable import NyhetsbrevCore

/// Bylines are taken apart on their bytes where that gives what the
/// standard library's Character matching gives: compared here with it on
/// the cases where the two could part (combining marks, prefixes, "\r\n",
/// characters canonically equal to ASCII).
@Suite struct BylineBytesTests {
    static let bylines = [
        "jane@example.com (Jane Doe)", "Jane Doe <jane@example.com>", "mailto:jane@example.com", "Åsa Öberg (asa@example.se)",
        "Åsa Öberg <mailto:asa@example.se>", "x\r\njane@example.com", "x\njane@example.com", "jane@example.com\r\n(Jane)",
        "e\u{301}(jane@example.com)", "(\u{301}jane@example.com)", "jane@example.com)\u{301}", "\u{0600}(jane@example.com)",
        "Jane,jane@example.com,\tx", "() <> jane@example.com ()<>", "\u{212A}alle@example.com Kalle@example.com",
        "mailto:mailto:x@y.se", "mailto:\u{301}x@y.se", "\u{0600}mailto:x@y.se", "no address here", "", "@", "a@b", "a@b.", "a@.b",
    ]

    @Test(arguments: bylines)
    func firstEmailIsTheFirstSplitTokenThatIsOne(_ byline: String) {
        let tokens = byline.split(whereSeparator: { $0 == " " || $0 == "(" || $0 == ")" || $0 == "<" || $0 == ">" || $0 == "\n" || $0 == "\t" || $0 == "," })
        let expected = tokens.first { token in
            let b = Array(token.utf8)
            guard let at = b.firstIndex(of: 0x40), at != 0 else { return false }
            let domain = b[(at + 1)...]
            guard domain.contains(0x2E), domain.last != 0x2E, domain.first != 0x2E else { return false }
            return b.allSatisfy { $0 < 0x80 && (Character(Unicode.Scalar($0)).isLetter || Character(Unicode.Scalar($0)).isNumber || "._-+@[]".utf8.contains($0)) }
        }.map(String.init)
        #expect(FeedMapper.firstEmail(in: byline) == expected)
    }

    @Test(arguments: bylines)
    func removeIsReplacingWithNothing(_ byline: String) {
        for needle in ["mailto:", "()", "<>", "jane@example.com", "Kalle@example.com", "x@y.se"] {
            var removed = byline
            FeedMapper.remove(needle, from: &removed)
            let expected = byline.replacing(needle, with: "")
            #expect(Array(removed.utf8) == Array(expected.utf8), "\(needle) in \(byline.debugDescription)")
        }
    }

    @Test func bylineWithAnAddressGivesNameAndEmail() {
        let mapper = FeedMapper(floatingTimeZone: nil, repairMojibake: false)
        #expect(mapper.person("Åsa Öberg <mailto:asa@example.se>") == Author(name: "Åsa Öberg", email: "asa@example.se"))
        #expect(mapper.person("jane@example.com (Jane Doe)") == Author(name: "Jane Doe", email: "jane@example.com"))
        #expect(mapper.person("mailto:Jane Doe") == Author(name: "Jane Doe"))
    }
}
