import Foundation
import Testing
@testable import NyhetsbrevCore

@Suite struct StockholmTimeTests {
    @Test func agreesWithCalendarAcrossDaylightSavingAndCenturies() {
        // Every 29 hours 17 minutes from 1900 to 2100: both DST switches, leap years, 2000.
        var date = Date(timeIntervalSince1970: -2_208_988_800)
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
        #expect(checked > 50_000)
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
