import Foundation

/// Dates as the council reads them: wall-clock time in Sweden, whatever the
/// server's time zone is.
public enum StockholmTime {
    public static let timeZone = TimeZone(identifier: "Europe/Stockholm") ?? .gmt

    public static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }()

    /// "2026-11-23"
    public static func day(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    /// "2026-11-23 07:05"
    public static func minute(_ date: Date) -> String {
        let c = calendar.dateComponents([.hour, .minute], from: date)
        return day(date) + String(format: " %02d:%02d", c.hour ?? 0, c.minute ?? 0)
    }
}
