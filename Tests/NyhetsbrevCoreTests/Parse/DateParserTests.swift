import Foundation
import Testing
@testable import NyhetsbrevCore

@Suite struct DateParserTests {
    static let utc = TimeZone(identifier: "UTC")!
    static let stockholm = TimeZone(identifier: "Europe/Stockholm")!

    func iso(_ text: String, _ tz: TimeZone = utc) -> String? {
        DateParser.parse(text, floatingTimeZone: tz).map(DateParser.rfc3339)
    }

    @Test(arguments: [
        ("Sat, 07 Sep 2002 00:00:01 GMT", "2002-09-07T00:00:01Z"),
        ("07 Sep 2002 00:00:01 GMT", "2002-09-07T00:00:01Z"),  // no weekday
        ("Mon, 07 Sep 2002 00:00:01 GMT", "2002-09-07T00:00:01Z"),  // wrong weekday
        ("Sat, 07 Sep 02 00:00:01 GMT", "2002-09-07T00:00:01Z"),  // two-digit year
        ("Sat, 07 Sep 2002 00:00:01 UT", "2002-09-07T00:00:01Z"),
        ("Sat, 07 Sep 2002 02:00:01 CEST", "2002-09-07T00:00:01Z"),
        ("Sat, 07 Sep 2002 01:00:01 CET", "2002-09-07T00:00:01Z"),
        ("Fri, 06 Sep 2002 20:00:01 EDT", "2002-09-07T00:00:01Z"),
        ("Fri, 06 Sep 2002 19:00:01 EST", "2002-09-07T00:00:01Z"),
        ("Fri, 06 Sep 2002 16:00:01 PST", "2002-09-07T00:00:01Z"),
        ("Sat, 07 Sep 2002 02:00:01 +0200", "2002-09-07T00:00:01Z"),
        ("Sat, 07 Sep 2002 00:00:01", "2002-09-07T00:00:01Z"),  // no zone
        ("2002-09-07T02:00:01+02:00", "2002-09-07T00:00:01Z"),
        ("2002-09-07T00:00:01.123Z", "2002-09-07T00:00:01Z"),
        ("2002-09-07T00:00Z", "2002-09-07T00:00:00Z"),  // no seconds
        ("2002-09-07", "2002-09-07T00:00:00Z"),  // date only
        ("2015-12-16 09:00", "2015-12-16T09:00:00Z"),
        ("2019-06-13", "2019-06-13T00:00:00Z"),
        ("Apr 12, 2017 10:18 CEST", "2017-04-12T08:18:00Z"),
        ("16 november 2020", "2020-11-16T00:00:00Z"),
        ("den 22 maj 2018", "2018-05-22T00:00:00Z"),
        ("Torsdag 12 mars 2026", "2026-03-12T00:00:00Z"),
        ("Sidan publicerades 16 november 2020", "2020-11-16T00:00:00Z"),
        ("Sun Jan  4 16:29:06 2004", "2004-01-04T16:29:06Z"),
        ("Apr 12, 2017 at 10:18", "2017-04-12T10:18:00Z"),
        ("Thu,01 Jan 2004 19:48:21 +01:00", "2004-01-01T18:48:21Z"),
        ("2006-01-17T12:35:9+01:00", "2006-01-17T11:35:09Z"),
        // ISO 8601 shapes the byte reader takes apart field by field
        ("2019-06", "2019-06-01T00:00:00Z"),  // year and month only
        ("2019-06-13T09:00:00.123+01:00", "2019-06-13T08:00:00Z"),
        ("20190613T0900", "2019-06-13T09:00:00Z"),  // basic format
        ("19-06-13", "2019-06-13T00:00:00Z"),  // two-digit year
        ("2019-06-13T09:00:00 cest", "2019-06-13T07:00:00Z"),  // named zone, any case
        ("2019-06-13 09:00:00,5-05:30", "2019-06-13T14:30:00Z"),  // decimal comma, negative offset
        (" 2019-06-13T09:00 ", "2019-06-13T09:00:00Z"),  // surrounding whitespace
    ])
    func readsForm(_ text: String, _ expected: String) {
        #expect(iso(text) == expected)
    }

    @Test(arguments: [
        "", "yesterday", "32 januari 2020", "2020-13-01", "Sidan publicerades", "not a date at all", "12:00",
        "2019-06-13T09", "2019-06-13T09:00:00Z garbage", "2019-06-13T09:00:00+", "2019-06-13T09:0",
    ])
    func unreadableIsNil(_ text: String) {
        #expect(DateParser.parse(text, floatingTimeZone: Self.utc) == nil)
    }

    @Test func zoneLessUsesFloatingZone() {
        #expect(iso("2020-11-16 10:00", Self.stockholm) == "2020-11-16T09:00:00Z")
        #expect(iso("22 juli 2020 10:00", Self.stockholm) == "2020-07-22T08:00:00Z")
        #expect(iso("2020-07-22T10:00:00Z", Self.stockholm) == "2020-07-22T10:00:00Z")
    }

    @Test func swedishTimeByArithmeticReadsLikeTheTimeZoneDatabase() {
        // Every half hour around the 1980, 1995/1996 and 2026 changes, including the
        // skipped and the repeated hour, read as Swedish time both ways.
        let days = ["1980-04-06", "1980-09-28", "1995-09-24", "1996-03-31", "1996-10-27", "2026-03-29",
                    "2026-10-25", "2026-11-23", "2038-03-28", "2038-10-31"]
        for day in days {
            for minutes in stride(from: 0, to: 24 * 60, by: 30) {
                let text = "\(day) \(CivilDate.pad(minutes / 60, 2)):\(CivilDate.pad(minutes % 60, 2))"
                let computed = DateParser.parse(text, floatingTimeZone: .stockholm)
                let looked = DateParser.parse(text, floatingTimeZone: .other(Self.stockholm))
                #expect(computed != nil && computed == looked, "\(text)")
            }
        }
        #expect(FloatingZone(Self.stockholm) == .stockholm)
        #expect(FloatingZone(Self.utc) == .utc)
    }

    @Test func swedishFeedDefaultsToStockholm() throws {
        let xml = "<rss version=\"2.0\"><channel><language>sv</language><item><pubDate>2020-07-22 10:00</pubDate></item></channel></rss>"
        let feed = try FeedParser().parse(Data(xml.utf8))
        #expect(feed.entries.first?.published.map(DateParser.rfc3339) == "2020-07-22T08:00:00Z")
    }
}
