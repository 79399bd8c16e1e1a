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
        return CivilDate.pad(year, 4) + "-" + CivilDate.pad(month, 2) + "-" + CivilDate.pad(day, 2)
    }

    /// "2026-11-23 07:05"
    public static func minute(_ date: Date) -> String {
        let (_, _, _, hour, minute) = fields(date)
        return day(date) + " " + CivilDate.pad(hour, 2) + ":" + CivilDate.pad(minute, 2)
    }

    /// Local fields by arithmetic on the zone's offset: printing thousands of
    /// entries through Calendar.dateComponents was a visible share of a fetch.
    static func fields(_ date: Date) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int) {
        let local = date.addingTimeInterval(TimeInterval(timeZone.secondsFromGMT(for: date)))
        let (year, month, day, second) = CivilDate.utcFields(local)
        return (year, month, day, second / 3600, second % 3600 / 60)
    }
}
