/// The one text normalisation behind search and cross-source matching:
/// lower case, accents dropped (é→e, ü→u) but the Swedish letters å, ä and ö
/// kept, because they are letters of their own and not accented a and o
/// ("hål" and "hal" are different words), and every run of whitespace or
/// control characters turned into one space. Index text and queries are
/// folded alike, so a byte comparison of folded strings is a case- and
/// accent-insensitive match.
public enum SearchFolding {
    public static func fold(_ text: String) -> String {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            // ASCII, nearly all of the text, folds without Unicode tables.
            if scalar.isASCII {
                let value = scalar.value
                if value <= 0x20 || value == 0x7F {
                    pendingSpace = !out.isEmpty
                    continue
                }
                if pendingSpace {
                    out.append(" ")
                    pendingSpace = false
                }
                out.append((0x41...0x5A).contains(value) ? Unicode.Scalar(UInt8(value + 0x20)) : scalar)
                continue
            }
            for folded in decomposedLowercase(scalar) {
                if folded.properties.isWhitespace || folded.properties.generalCategory == .control {
                    pendingSpace = !out.isEmpty
                    continue
                }
                if (0x300...0x36F).contains(folded.value) {
                    if let last = out.last, let kept = swedish(base: last, mark: folded) {
                        out[out.count - 1] = kept
                    }
                    continue
                }
                if pendingSpace {
                    out.append(" ")
                    pendingSpace = false
                }
                out.append(folded)
            }
        }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: out)
        return String(result)
    }

    /// Lower case, canonically decomposed: from a table for Latin-1 and
    /// Latin Extended-A/B (Swedish text is full of å, ä, ö, é), through
    /// Foundation only for rarer scripts. Building a String per scalar made
    /// folding the most expensive step of archiving a cycle.
    private static func decomposedLowercase(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        let value = Int(scalar.value)
        if value < latinTable.count { return latinTable[value] }
        return slowDecomposedLowercase(scalar)
    }

    private static let latinTable: [[Unicode.Scalar]] = (0..<0x250).map { value in
        Unicode.Scalar(UInt32(value)).map(slowDecomposedLowercase) ?? []
    }

    private static func slowDecomposedLowercase(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        Array(String(scalar).lowercased().decomposedStringWithCanonicalMapping.unicodeScalars)
    }

    /// The title reduced to letters and digits, for recognising the same
    /// article under two sources despite different punctuation.
    public static func titleKey(_ title: String) -> String {
        let folded = fold(title)
        var words: [String] = []
        var word = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars {
            let isWordScalar =
                scalar.isASCII
                ? (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9")
                : scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            if isWordScalar {
                word.append(scalar)
            } else if !word.isEmpty {
                words.append(String(word))
                word = String.UnicodeScalarView()
            }
        }
        if !word.isEmpty { words.append(String(word)) }
        return words.joined(separator: " ")
    }

    private static func swedish(base: Unicode.Scalar, mark: Unicode.Scalar) -> Unicode.Scalar? {
        switch (base, mark.value) {
        case ("a", 0x30A): "å"
        case ("a", 0x308): "ä"
        case ("o", 0x308): "ö"
        default: nil
        }
    }
}
