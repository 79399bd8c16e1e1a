/// The compact duration notation used in the config file: one or more
/// `<number><unit>` parts, units `d`, `h`, `m`, `s` in that order, each at
/// most once (`30m`, `2h`, `1d`, `45s`, `1h30m`). Kept deliberately small so
/// that a typo is an error rather than a surprising interpretation.
enum DurationSyntax {
    private static let units: [(symbol: UInt8, seconds: Int64)] = [
        (UInt8(ascii: "d"), 86_400), (UInt8(ascii: "h"), 3_600), (UInt8(ascii: "m"), 60), (UInt8(ascii: "s"), 1),
    ]

    /// The duration written in `text`, or nil when it is not valid notation.
    static func parse(_ text: String) -> Duration? {
        var total: Int64 = 0
        var nextUnit = 0
        var number: Int64? = nil
        var digits = 0
        for byte in text.utf8 {
            if byte >= 0x30 && byte <= 0x39 {
                digits += 1
                guard digits <= 9 else { return nil }
                number = (number ?? 0) * 10 + Int64(byte - 0x30)
                continue
            }
            guard let value = number,
                let index = units[nextUnit...].firstIndex(where: { $0.symbol == byte })
            else { return nil }
            total += value * units[index].seconds
            nextUnit = index + 1
            number = nil
            digits = 0
        }
        guard number == nil, nextUnit > 0 else { return nil }
        return .seconds(total)
    }

    /// The same notation back, for messages and summaries (`1h30m`); values
    /// the notation cannot express (zero, negative, fractional) as seconds.
    static func format(_ duration: Duration) -> String {
        let parts = duration.components
        guard parts.attoseconds == 0, parts.seconds > 0 else {
            let seconds = Double(parts.seconds) + Double(parts.attoseconds) / 1e18
            return seconds == seconds.rounded() ? "\(Int64(seconds))s" : "\(seconds)s"
        }
        var rest = parts.seconds
        var text = ""
        for unit in units where rest >= unit.seconds {
            text += "\(rest / unit.seconds)\(Character(Unicode.Scalar(unit.symbol)))"
            rest %= unit.seconds
        }
        return text
    }
}
