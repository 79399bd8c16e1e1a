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
}
