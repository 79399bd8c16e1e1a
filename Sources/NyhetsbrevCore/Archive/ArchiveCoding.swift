import Foundation

/// The JSON conventions of every file nyhetsbrev writes: ISO 8601 dates in
/// UTC to the second, sorted keys, unescaped slashes (links stay readable).
/// Dates are written and read by `CivilDate`, in the form JSONEncoder's
/// `.iso8601` uses: that strategy goes through Calendar, whose time-zone
/// lookup loads ICU's data into every process that saves its state.
public enum ArchiveCoding {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(CivilDate.rfc3339(date))
        }
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// Marks the encoder of partition files, which leaves out empty values (see `ArchivedEntry.encode(to:)`).
    public static let storageKey = CodingUserInfoKey(rawValue: "nyhetsbrev.storage")

    /// The encoder of entries in partition files: compact, still one readable JSON object per entry.
    public static func storageEncoder() -> JSONEncoder {
        let encoder = encoder()
        if let storageKey { encoder.userInfo[storageKey] = true }
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = CivilDate.parseRFC3339(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "Expected date string to be ISO8601-formatted.")
            }
            return date
        }
        return decoder
    }

    /// A one-line reason for a decoding failure, with the key path when known.
    static func describe(_ error: Error) -> String {
        switch error {
        case let DecodingError.dataCorrupted(context):
            return "not valid JSON" + location(context)
        case let DecodingError.keyNotFound(key, context):
            return "missing key \"\(key.stringValue)\"" + location(context)
        case let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context):
            return "wrong type" + location(context)
        default:
            return "\(error)"
        }
    }

    private static func location(_ context: DecodingError.Context) -> String {
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return path.isEmpty ? "" : " at \(path)"
    }
}
