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
            if let latin = latin1[scalar] {
                if pendingSpace {
                    out.append(" ")
                    pendingSpace = false
                }
                out.append(latin)
                continue
            }
            for folded in unicodeFold(scalar) {
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
        // Assembled as UTF-8 bytes: appending scalars to a String one by one
        // was a tenth of the cost of archiving a cycle.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(out.count + out.count / 4)
        for scalar in out {
            if scalar.isASCII {
                bytes.append(UInt8(truncatingIfNeeded: scalar.value))
            } else {
                UTF8.encode(scalar) { bytes.append($0) }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The general rule for one non-ASCII scalar: lower case, then canonical decomposition.
    static func unicodeFold(_ scalar: Unicode.Scalar) -> String.UnicodeScalarView {
        String(scalar).lowercased().decomposedStringWithCanonicalMapping.unicodeScalars
    }

    /// The letters of Latin-1 (À…ÿ) folded ahead of time by the general rule,
    /// because Swedish text is full of them and the general rule is slow.
    static let latin1: [Unicode.Scalar: Unicode.Scalar] = {
        var table: [Unicode.Scalar: Unicode.Scalar] = [:]
        for value in UInt32(0xC0)...0xFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            var out: [Unicode.Scalar] = []
            for folded in unicodeFold(scalar) {
                if (0x300...0x36F).contains(folded.value) {
                    if let last = out.last, let kept = swedish(base: last, mark: folded) { out[out.count - 1] = kept }
                } else {
                    out.append(folded)
                }
            }
            if out.count == 1, !out[0].properties.isWhitespace { table[scalar] = out[0] }
        }
        return table
    }()

    /// The title reduced to letters and digits, for recognising the same
    /// article under two sources despite different punctuation.
    public static func titleKey(_ title: String) -> String {
        let folded = fold(title)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(folded.utf8.count)
        var betweenWords = false
        for scalar in folded.unicodeScalars {
            let isWordCharacter = scalar.isASCII
                ? (0x61...0x7A).contains(scalar.value) || (0x30...0x39).contains(scalar.value)
                : scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            guard isWordCharacter else {
                betweenWords = true
                continue
            }
            if betweenWords, !bytes.isEmpty { bytes.append(0x20) }
            betweenWords = false
            UTF8.encode(scalar) { bytes.append($0) }
        }
        return String(decoding: bytes, as: UTF8.self)
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
