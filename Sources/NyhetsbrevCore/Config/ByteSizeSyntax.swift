/// Sizes written as `20MB`, `512 KB`, `1GiB` or a plain byte count. Units are
/// binary (1 KB = 1024 bytes) because that is what admins mean by "20MB" of
/// response body; `KiB`/`MiB`/`GiB` are accepted as synonyms.
public enum ByteSizeSyntax {
    private static let multipliers: [String: Int] = [
        "": 1, "b": 1,
        "k": 1 << 10, "kb": 1 << 10, "kib": 1 << 10,
        "m": 1 << 20, "mb": 1 << 20, "mib": 1 << 20,
        "g": 1 << 30, "gb": 1 << 30, "gib": 1 << 30,
    ]

    /// The byte count written in `text`, or nil when it is not valid notation.
    public static func parse(_ text: String) -> Int? {
        let digits = text.prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty, digits.count <= 12, let number = Int(digits) else { return nil }
        let unit = text.dropFirst(digits.count).drop(while: { $0 == " " }).lowercased()
        guard let multiplier = multipliers[unit] else { return nil }
        let (product, overflow) = number.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : product
    }
}
