import Foundation

/// The JSON conventions of every file nyhetsbrev writes: ISO 8601 dates in
/// UTC to the second, sorted keys, unescaped slashes (links stay readable).
public enum ArchiveCoding {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
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
        decoder.dateDecodingStrategy = .iso8601
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
