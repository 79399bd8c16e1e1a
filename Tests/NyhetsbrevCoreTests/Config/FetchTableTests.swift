import Foundation
import Testing
@testable import NyhetsbrevCore

@Suite struct FetchTableTests {
    @Test func politenessAndSlowDripLimitsAreConfigurable() throws {
        let text = """
            [fetch]
            host_gap = 0.25
            low_speed_limit = 512
            low_speed_time = "45s"
            """
        let fetch = try ConfigLoader.parse(text: text, path: "/t.toml").get().fetch
        #expect(fetch.hostGap == 0.25)
        #expect(fetch.lowSpeedLimit == 512)
        #expect(fetch.lowSpeedTime == 45)
    }

    @Test func hostGapOverAMinuteIsRejected() {
        let result = ConfigLoader.parse(text: "[fetch]\nhost_gap = 120\n", path: "/t.toml")
        guard case let .failure(error) = result else {
            Issue.record("expected a problem")
            return
        }
        #expect(error.problems.map(\.keyPath) == ["fetch.host_gap"])
    }
}
