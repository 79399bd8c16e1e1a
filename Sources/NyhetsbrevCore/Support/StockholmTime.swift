import Foundation

/// Dates as the council reads them: wall-clock time in Sweden, whatever the
/// server's time zone is.
///
/// The offset is computed from Sweden's rules rather than looked up in
/// Foundation's TimeZone: the lookup loads ICU's time-zone database, which
/// made up several MB of a fetch cycle's memory just to print dates and read
/// zone-less dates of Swedish feeds. `timeZone` and `calendar` remain for
/// calendar arithmetic (queries, retention), which is off the fetch path.
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
        let utc = Int(date.timeIntervalSince1970.rounded(.down))
        let local = Date(timeIntervalSince1970: TimeInterval(utc + secondsFromGMT(atUTC: utc)))
        let (year, month, day, second) = CivilDate.utcFields(local)
        return (year, month, day, second / 3600, second % 3600 / 60)
    }

    /// Sweden's offset from UTC at an instant (seconds since 1970), as the tz
    /// database's Swedish history has it from 1900 on: CET, with summer time
    /// in 1916 and every year since 1980 (first Sunday of April in 1980, then
    /// the last Sunday of March to the last Sunday of September, and of
    /// October since 1996; changes at 01:00 UTC). Before 1900 Stockholm mean
    /// time differed from CET by 14 seconds; CET is used there too. (ICU's
    /// data, which Foundation uses, gives Stockholm Berlin's history before
    /// 1980; from 1980 on they agree.)
    public static func secondsFromGMT(atUTC seconds: Int) -> Int {
        let cet = 3600
        let year = CivilDate.fromDays(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400).year
        let start: Int, end: Int
        switch year {
        case 1916:
            start = CivilDate.days(year: 1916, month: 5, day: 14) * 86_400 + 22 * 3600
            end = CivilDate.days(year: 1916, month: 9, day: 30) * 86_400 + 23 * 3600
        case 1980:
            start = firstSunday(year: 1980, month: 4) * 86_400 + 3600
            end = lastSunday(year: 1980, month: 9) * 86_400 + 3600
        case 1981...:
            start = lastSunday(year: year, month: 3) * 86_400 + 3600
            end = lastSunday(year: year, month: year < 1996 ? 9 : 10) * 86_400 + 3600
        default:
            return cet
        }
        return seconds >= start && seconds < end ? cet + 3600 : cet
    }

    /// Day number (since 1970-01-01) of the month's last Sunday.
    private static func lastSunday(year: Int, month: Int) -> Int {
        let last = CivilDate.days(year: year, month: month, day: CivilDate.daysIn(month: month, year: year))
        return last - weekday(last)
    }

    /// Day number of the month's first Sunday.
    private static func firstSunday(year: Int, month: Int) -> Int {
        let first = CivilDate.days(year: year, month: month, day: 1)
        return first + (7 - weekday(first)) % 7
    }

    /// 0 for Sunday ... 6 for Saturday (1970-01-01 was a Thursday).
    private static func weekday(_ day: Int) -> Int {
        ((day + 4) % 7 + 7) % 7
    }
}
