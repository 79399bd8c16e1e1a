import Testing
@testable import NyhetsbrevCore

/// What the recovery pass is given: named references made numeric, bare `&` escaped,
/// CDATA, comments and DTD-declared names left alone, everything else copied as it is.
@Suite struct RecoveryFixerTests {
    private func fixed(_ s: String) -> String {
        let bytes = Array(s.utf8)
        return String(decoding: bytes.withUnsafeBufferPointer { RecoveryFixer.fix($0) }, as: UTF8.self)
    }

    @Test func referencesAndBareAmpersands() {
        #expect(fixed("<p>Caf&eacute; &amp; bar</p>") == "<p>Caf&#233; &#38; bar</p>")
        #expect(fixed("a & b && c&") == "a &amp; b &amp;&amp; c&amp;")
        #expect(fixed("&#233;&#xE9;&#x;&#12") == "&#233;&#xE9;&amp;#x;&amp;#12")
        #expect(fixed("&bogus; &nbsp;") == "&amp;bogus; &#160;")
        #expect(fixed("x&") == "x&amp;")
        // HTML's upper-case X, which XML does not allow
        #expect(fixed("&#X41;&#X;") == "&#x41;&amp;#X;")
    }

    @Test func cdataCommentsAndDeclaredEntitiesAreKept() {
        #expect(fixed("<![CDATA[a & b &eacute;]]>&c") == "<![CDATA[a & b &eacute;]]>&amp;c")
        #expect(fixed("<!-- & --><b>&</b>") == "<!-- & --><b>&amp;</b>")
        #expect(fixed("<!-- & unterminated") == "<!-- & unterminated")
        #expect(fixed("<!DOCTYPE r [<!ENTITY me \"x\">]><r>&me; &you;</r>") == "<!DOCTYPE r [<!ENTITY me \"x\">]><r>&me; &amp;you;</r>")
    }

    /// Text between the places that change is copied in runs: every length of run, before and after them.
    @Test func runsOfPlainTextAreCopiedWhole() {
        for before in 0...20 {
            for after in 0...20 {
                let a = String(repeating: "å", count: before)
                let b = String(repeating: "<i>", count: after)
                #expect(fixed(a + "&" + b + "&eacute;" + a) == a + "&amp;" + b + "&#233;" + a)
            }
        }
    }
}
