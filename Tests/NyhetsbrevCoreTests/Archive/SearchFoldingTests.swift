import Testing
@testable import NyhetsbrevCore

@Suite struct SearchFoldingTests {
    @Test(arguments: [
        ("Café  Naïve\tÉLAN", "cafe naive elan"),
        ("Hål i ÅÄÖ", "hål i åäö"),
        ("Müller Ødegård", "muller ødegård"),
        ("  a\nb  ", "a b"),
        ("Ä-ärende", "ä-ärende"),
    ])
    func folds(input: String, expected: String) {
        #expect(SearchFolding.fold(input) == expected)
    }

    @Test func decomposedSwedishLettersFoldLikePrecomposed() {
        #expect(SearchFolding.fold("A\u{30A}r o\u{308}l") == SearchFolding.fold("År öl"))
        #expect(SearchFolding.fold("år") != SearchFolding.fold("ar"))
    }

    @Test func titleKeyIgnoresPunctuation() {
        #expect(SearchFolding.titleKey("Ny vårdplan: prostatacancer!") == "ny vårdplan prostatacancer")
    }
}

@Suite struct SearchFoldingTableTests {
    @Test func latinTableAgreesWithTheGeneralRule() {
        #expect(SearchFolding.latin1.count >= 60)
        #expect(SearchFolding.latin1["É"] == "e")
        #expect(SearchFolding.latin1["Å"] == "å")
        #expect(SearchFolding.latin1["Ö"] == "ö")
        #expect(SearchFolding.latin1["ü"] == "u")
        #expect(SearchFolding.latin1["ø"] == "ø")
    }
}
