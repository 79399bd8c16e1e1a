import Foundation

/// How long the archive keeps entries (`[archive] keep`): a whole number of
/// years (`"10y"`) or days (`"400d"`). Years, not seconds, because "keep ten
/// years" means the same calendar date ten years ago, leap days or not.
public struct RetentionPeriod: Sendable, Hashable, CustomStringConvertible {
    public var years: Int
    public var days: Int

    public init(years: Int = 0, days: Int = 0) {
        self.years = years
        self.days = days
    }

    /// `"10y"` or `"400d"`, 1…1000 years or 1…365 000 days; nil otherwise.
    public static func parse(_ text: String) -> RetentionPeriod? {
        guard let unit = text.last, let number = Int(text.dropLast()), number > 0, text.first != "+" else { return nil }
        switch unit {
        case "y" where number <= 1000: return RetentionPeriod(years: number)
        case "d" where number <= 365_000: return RetentionPeriod(days: number)
        default: return nil
        }
    }

    /// The oldest effective date kept at `now`.
    public func cutoff(from now: Date) -> Date {
        let calendar = StockholmTime.calendar
        let back = calendar.date(byAdding: .year, value: -years, to: now) ?? now
        return calendar.date(byAdding: .day, value: -days, to: back) ?? back
    }

    public var description: String { years > 0 ? "\(years)y" : "\(days)d" }
}
