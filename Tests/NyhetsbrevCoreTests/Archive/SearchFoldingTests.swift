import Testing
@testable import NyhetsbrevCore

@Suite struct SearchFoldingTests {
    @Test(arguments: [
        ("Café  Naïve\tÉLAN", "cafe naive elan"),
        ("Hål i ÅÄÖ", "hål i åäö"),
        ("Müller Ødegård", "muller ødegård"),
        ("  a\nb  ", "a b"),
        ("Ä-ärende", "ä-ärende"),
        ("Łódź – “citat” ﬁ", "łodz – “citat” ﬁ"),
        ("a\u{00A0}b\u{2003}c\u{0085}d", "a b c d"),
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
        #expect(SearchFolding.titleKey("«Łódź» 2026 — ½ år") == "łodz 2026 ½ år")
    }

    @Test func partsFoldAsIfJoinedBySpaces() {
        let parts = ["Rubrik:", " ", "Sammanfattning\t", "", "Kategori"]
        #expect(SearchFolding.fold(parts) == SearchFolding.fold(parts.joined(separator: " ")))
    }

    /// Every scalar the tables cover, and some they do not, folded byte-wise
    /// must equal the general rule applied scalar by scalar.
    @Test func bytewiseFoldingAgreesWithTheGeneralRule() {
        var samples: [String] = []
        let covered = Array(0x80..<0x250) + Array(0x2000..<0x2070)
        for value in covered + [0x0300, 0x0308, 0x030A, 0x0391, 0x0410, 0x1E9E, 0x212B, 0x3000, 0x4E2D, 0x1F600] {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            samples.append("Xa\(Character(scalar))o\u{308} A")
        }
        for sample in samples {
            #expect(SearchFolding.fold(sample) == Self.reference(sample), "\(sample.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    /// The rule written the slow, obvious way.
    private static func reference(_ text: String) -> String {
        var out: [Unicode.Scalar] = []
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let steps: [SearchFolding.Step]
            if scalar.isASCII {
                let v = scalar.value
                steps = v <= 0x20 || v == 0x7F ? [.space] : [.emit((0x41...0x5A).contains(v) ? Unicode.Scalar(v + 0x20)! : scalar)]
            } else {
                steps = SearchFolding.steps(scalar)
            }
            for step in steps {
                switch step {
                case .space: pendingSpace = !out.isEmpty
                case .mark(let m):
                    if let last = out.last {
                        let merged: Unicode.Scalar? = switch (last, m) {
                        case ("a", 0x30A): "å"
                        case ("a", 0x308): "ä"
                        case ("o", 0x308): "ö"
                        default: nil
                        }
                        if let merged { out[out.count - 1] = merged }
                    }
                case .emit(let s):
                    if pendingSpace { out.append(" "); pendingSpace = false }
                    out.append(s)
                }
            }
        }
        var result = ""
        result.unicodeScalars.append(contentsOf: out)
        return result
    }
}
