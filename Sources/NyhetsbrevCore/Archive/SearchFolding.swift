/// The one text normalisation behind search and cross-source matching:
/// lower case, accents dropped (é→e, ü→u) but the Swedish letters å, ä and ö
/// kept, because they are letters of their own and not accented a and o
/// ("hål" and "hal" are different words), and every run of whitespace or
/// control characters turned into one space. Index text and queries are
/// folded alike, so a byte comparison of folded strings is a case- and
/// accent-insensitive match.
///
/// It runs on every entry a cycle archives (index text and title key), so it
/// works on UTF-8 bytes: ASCII without any table, and the scalars Swedish
/// text is made of (Latin-1, Latin Extended, general punctuation) from
/// tables built once by the general rule from `SearchFoldingTables`; only
/// other scalars go through Foundation's case mapping and decomposition.
public enum SearchFolding {
    public static func fold(_ text: String) -> String {
        fold([text])
    }

    /// The texts folded as if joined with spaces, without building the joined string.
    static func fold(_ parts: [String]) -> String {
        var folder = Folder(capacity: parts.reduce(0) { $0 + $1.utf8.count + 1 })
        for (i, part) in parts.enumerated() {
            if i > 0 { folder.space() }
            folder.add(part)
        }
        return String(decoding: folder.bytes, as: UTF8.self)
    }

    /// The title reduced to letters and digits, for recognising the same
    /// article under two sources despite different punctuation.
    public static func titleKey(_ title: String) -> String {
        var folded = fold(title)
        return folded.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var betweenWords = false
            var i = 0
            while i < bytes.count {
                let (scalar, length) = decode(bytes, at: i)
                let isWordCharacter = scalar < 0x80
                    ? (scalar >= 0x61 && scalar <= 0x7A) || (scalar >= 0x30 && scalar <= 0x39)
                    : isLetterOrNumber(scalar)
                if isWordCharacter {
                    if betweenWords, !out.isEmpty { out.append(0x20) }
                    betweenWords = false
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<(i + length)]))
                } else {
                    betweenWords = true
                }
                i += length
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The general rule for one non-ASCII scalar: lower case, then canonical
    /// decomposition; written down for the scalars of Swedish text.
    static func unicodeFold(_ scalar: Unicode.Scalar) -> String.UnicodeScalarView {
        switch scalar.value {
        case 0x80..<0x250: return SearchFoldingTables.latin[Int(scalar.value - 0x80)].unicodeScalars
        case 0x2000..<0x2070: return SearchFoldingTables.punctuation[Int(scalar.value - 0x2000)].unicodeScalars
        default: return foundationFold(scalar)
        }
    }

    /// The general rule computed by Foundation.
    static func foundationFold(_ scalar: Unicode.Scalar) -> String.UnicodeScalarView {
        String(scalar).lowercased().decomposedStringWithCanonicalMapping.unicodeScalars
    }

    /// What one scalar of the general rule's output does to the folded text.
    enum Step: Equatable {
        case space
        /// A combining mark: dropped, unless it makes å, ä or ö of the letter before.
        case mark(UInt32)
        case emit(Unicode.Scalar)
    }

    static func steps(_ scalar: Unicode.Scalar) -> [Step] {
        unicodeFold(scalar).map { folded in
            if folded.properties.isWhitespace || folded.properties.generalCategory == .control { return .space }
            if (0x300...0x36F).contains(folded.value) { return .mark(folded.value) }
            return .emit(folded)
        }
    }

    /// Steps for U+0080…U+024F (Latin-1 and Latin Extended) and U+2000…U+206F (punctuation).
    private static let latinSteps: [[Step]] = (0x80..<0x250).map { Unicode.Scalar(UInt32($0)).map(steps) ?? [] }
    private static let punctuationSteps: [[Step]] = (0x2000..<0x2070).map { Unicode.Scalar(UInt32($0)).map(steps) ?? [] }
    private static let latinWordCharacters: [Bool] = (0x80..<0x250).map {
        Unicode.Scalar(UInt32($0)).map(isLetterOrNumber(properties:)) ?? false
    }

    private static func isLetterOrNumber(_ value: UInt32) -> Bool {
        if value < 0x250 { return latinWordCharacters[Int(value - 0x80)] }
        guard let scalar = Unicode.Scalar(value) else { return false }
        return isLetterOrNumber(properties: scalar)
    }

    private static func isLetterOrNumber(properties scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// The scalar starting at `i` of valid UTF-8 (a Swift string's bytes), and its length in bytes.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let length = UTF8Bytes.sequenceLength(lead: bytes[i])
        guard let base = bytes.baseAddress else { return (0, length) }
        return (UTF8Bytes.scalar(at: base + i, length: length), length)
    }

    /// The folded bytes of one or more texts.
    private struct Folder {
        var bytes: [UInt8] = []
        private var pendingSpace = false

        init(capacity: Int) { bytes.reserveCapacity(capacity) }

        mutating func space() { pendingSpace = !bytes.isEmpty }

        mutating func add(_ text: String) {
            var text = text
            text.withUTF8 { input in
                var i = 0
                while i < input.count {
                    let b = input[i]
                    // ASCII, nearly all of the text, folds without tables.
                    if b < 0x80 {
                        i += 1
                        if b <= 0x20 || b == 0x7F {
                            space()
                        } else {
                            flushSpace()
                            bytes.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
                        }
                        continue
                    }
                    let (value, length) = decode(input, at: i)
                    i += length
                    if value < 0x250 {
                        apply(latinSteps[Int(value - 0x80)])
                    } else if value >= 0x2000, value < 0x2070 {
                        apply(punctuationSteps[Int(value - 0x2000)])
                    } else if let scalar = Unicode.Scalar(value) {
                        apply(steps(scalar))
                    }
                }
            }
        }

        private mutating func flushSpace() {
            if pendingSpace {
                bytes.append(0x20)
                pendingSpace = false
            }
        }

        private mutating func apply(_ steps: [Step]) {
            for step in steps {
                switch step {
                case .space:
                    space()
                case .mark(let mark):
                    if let kept = Self.swedish(base: bytes.last, mark: mark) {
                        bytes.removeLast()
                        bytes.append(contentsOf: kept.utf8)
                    }
                case .emit(let scalar):
                    flushSpace()
                    UTF8.encode(scalar) { bytes.append($0) }
                }
            }
        }

        private static func swedish(base: UInt8?, mark: UInt32) -> String? {
            switch (base, mark) {
            case (UInt8(ascii: "a"), 0x30A): "å"
            case (UInt8(ascii: "a"), 0x308): "ä"
            case (UInt8(ascii: "o"), 0x308): "ö"
            default: nil
            }
        }
    }
}
