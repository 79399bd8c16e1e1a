import Foundation
import Testing
@testable import NyhetsbrevCore

@Suite struct StockholmTimeTests {
    @Test func agreesWithCalendarAcrossDaylightSavingAndCenturies() {
        // Every 29 hours 17 minutes from 1980 to 2100: both DST switches, leap years, 2000.
        // (Foundation's ICU data gives Stockholm Berlin's history before 1980; see below.)
        var date = Date(timeIntervalSince1970: 315_532_800)
        let end = Date(timeIntervalSince1970: 4_102_444_800)
        var checked = 0
        while date < end {
            let c = StockholmTime.calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
            let f = StockholmTime.fields(date)
            #expect(
                [f.year, f.month, f.day, f.hour, f.minute] == [c.year, c.month, c.day, c.hour, c.minute].map { $0 ?? -1 },
                "\(date)")
            if f.year != c.year || f.day != c.day || f.hour != c.hour { break }
            date += 29 * 3600 + 17 * 60
            checked += 1
        }
        #expect(checked > 35_000)
    }

    @Test func offsetAgreesWithTheTimeZoneDatabaseAtEveryTransitionSince1980() throws {
        // The second before and at each change from 1980 to 2100, and one instant between changes.
        let zone = StockholmTime.timeZone
        var date = Date(timeIntervalSince1970: 315_532_800)
        var transitions = 0
        while let next = zone.nextDaylightSavingTimeTransition(after: date), next.timeIntervalSince1970 < 4_102_444_800 {
            for instant in [next - 1, next, date + (next.timeIntervalSince(date) / 2).rounded(.down)] {
                let seconds = Int(instant.timeIntervalSince1970)
                #expect(StockholmTime.secondsFromGMT(atUTC: seconds) == zone.secondsFromGMT(for: instant), "\(instant)")
            }
            date = next
            transitions += 1
        }
        #expect(transitions == 2 * 120)
    }

    @Test func keepsSwedensOwnHistoryBefore1980() {
        // As Debian's tzdata has it (`zdump -v Europe/Stockholm`); ICU 76 links Stockholm to Berlin
        // before 1980, which gives Sweden German war-time summer times it never had.
        let cases: [(Int, Int)] = [
            (-1_692_496_801, 3600),  // 1916-05-14 21:59:59 UTC
            (-1_692_496_800, 7200),  // 1916-05-14 22:00:00 UTC
            (-1_680_483_601, 7200),  // 1916-09-30 22:59:59 UTC
            (-1_680_483_600, 3600),  // 1916-09-30 23:00:00 UTC
            (-1_600_000_000, 3600),  // 1919, no summer time
            (-800_000_000, 3600),  // 1944-08-25, none either
            (323_830_799, 3600),  // 1980-04-06 00:59:59 UTC
            (323_830_800, 7200),  // 1980-04-06 01:00:00 UTC
        ]
        for (seconds, offset) in cases {
            #expect(StockholmTime.secondsFromGMT(atUTC: seconds) == offset, "\(seconds)")
        }
    }

    @Test func formatsDaysAndMinutesInSwedishTime() {
        let summer = Date(timeIntervalSince1970: 1_782_860_400)  // 2026-06-30T23:00:00Z
        #expect(StockholmTime.day(summer) == "2026-07-01")
        #expect(StockholmTime.minute(summer) == "2026-07-01 01:00")
        let winter = Date(timeIntervalSince1970: 1_795_388_100)  // 2026-11-22T22:55:00Z
        #expect(StockholmTime.minute(winter) == "2026-11-22 23:55")
    }

    @Test func partitionNamesAgreeWithTheUTCCalendar() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for seconds in stride(from: -2_208_988_800.0, to: 4_102_444_800, by: 2_592_001.5) + [0, -1, 1_795_400_000] {
            let date = Date(timeIntervalSince1970: seconds)
            let c = calendar.dateComponents([.year, .month], from: date)
            let expected = String(format: "%04d-%02d", c.year ?? 0, c.month ?? 0)
            #expect(ArchivePartition.name(for: date) == expected, "\(date)")
        }
    }
}
