import Foundation
import Testing
@testable import NyhetsbrevCore

@Suite struct CivilDateTests {
    /// The byte-level writer agrees with Foundation's ISO 8601 formatting
    /// (whole seconds, UTC) over centuries, leap days and the epoch (from
    /// 1583: Foundation switches to the Julian calendar before that).
    @Test func rfc3339AgreesWithFoundation() {
        var generator = SystemRandomNumberGenerator()
        var seconds: [Double] = [0, -1, 951_782_400, 1_795_400_000.75, 4_107_542_399, -12_000_000_000]
        for _ in 0..<2000 { seconds.append(Double(Int64.random(in: -2_000_000_000...5_000_000_000, using: &generator))) }
        for value in seconds {
            let date = Date(timeIntervalSince1970: value)
            let expected = Date(timeIntervalSince1970: value.rounded(.down)).formatted(.iso8601)
            #expect(CivilDate.rfc3339(date) == expected, "\(value)")
        }
    }

    /// The reader takes back what the writer wrote, and reads what Foundation's
    /// `.iso8601` decoding read before it replaced it.
    @Test func parseRFC3339ReadsWhatTheFilesHold() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let date = Date(timeIntervalSince1970: Double(Int64.random(in: -2_000_000_000...5_000_000_000, using: &generator)))
            let text = CivilDate.rfc3339(date)
            #expect(CivilDate.parseRFC3339(text) == date, "\(text)")
            #expect(CivilDate.parseRFC3339(text) == (try? Date.ISO8601FormatStyle().parse(text)), "\(text)")
        }
        #expect(CivilDate.parseRFC3339("2026-11-23T08:00:00+02:00") == CivilDate.parseRFC3339("2026-11-23T06:00:00Z"))
        #expect(CivilDate.parseRFC3339("2026-11-23T06:00:00-01:30") == CivilDate.parseRFC3339("2026-11-23T07:30:00Z"))
        #expect(CivilDate.parseRFC3339("2026-11-23T06:00:00.250Z") == CivilDate.parseRFC3339("2026-11-23T06:00:00Z"))
    }

    @Test(arguments: [
        "", "2026-11-23", "2026-11-23T06:00:00", "2026-11-23 06:00:00Z", "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z",
        "2026-11-23T24:00:00Z", "2026-11-23T06:00:00+0200", "2026-11-23T06:00:00Zjunk", "2026-11-23T06:00:00.Z", "yesterday",
    ])
    func parseRFC3339RejectsOtherForms(_ text: String) {
        #expect(CivilDate.parseRFC3339(text) == nil)
    }
}
