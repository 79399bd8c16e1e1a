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
        let (year, month, day, _, _) = fields(date)
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    /// "2026-11-23 07:05"
    public static func minute(_ date: Date) -> String {
        let (year, month, day, hour, minute) = fields(date)
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + " " + pad(hour, 2) + ":" + pad(minute, 2)
    }

    /// Local fields by arithmetic on the zone's offset: printing thousands of
    /// entries through Calendar.dateComponents was a visible share of a fetch.
    static func fields(_ date: Date) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int) {
        let local = Int((date.timeIntervalSince1970).rounded(.down)) + timeZone.secondsFromGMT(for: date)
        let (days, seconds) = local.quotientAndRemainder(dividingBy: 86_400)
        let dayNumber = seconds < 0 ? days - 1 : days
        let secondOfDay = seconds < 0 ? seconds + 86_400 : seconds
        let (year, month, day) = CivilDate.fromDays(dayNumber)
        return (year, month, day, secondOfDay / 3600, secondOfDay % 3600 / 60)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
