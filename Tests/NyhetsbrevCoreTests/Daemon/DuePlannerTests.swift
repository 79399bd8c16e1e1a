import Foundation
import Testing
@testable import NyhetsbrevCore

@Suite struct DuePlannerTests {
    let now = Date(timeIntervalSince1970: 1_795_400_000)

    func planner() throws -> (DuePlanner, [SourceConfig]) {
        let text = """
            interval = "1h"
            [[sources]]
            id = "hourly"
            title = "Hourly"
            url = "https://a.example/feed"
            [[sources]]
            id = "daily"
            title = "Daily"
            url = "https://b.example/feed"
            interval = "1d"
            [[sources]]
            id = "off"
            title = "Off"
            url = "https://c.example/feed"
            enabled = false
            """
        let config = try ConfigLoader.parse(text: text, path: "/t.toml").get()
        return (DuePlanner(configuration: config), config.sources)
    }

    func attempted(_ source: SourceConfig, at date: Date, nextDue: Date? = nil) -> SourceState {
        var state = SourceState(configuredURL: source.url.absoluteString)
        state.lastAttempt = date
        state.nextDue = nextDue
        return state
    }

    @Test func neverFetchedEnabledSourcesAreDueAtOnce() throws {
        let (planner, sources) = try planner()
        #expect(planner.due(sources, states: [:], now: now).map(\.id) == ["hourly", "daily"])
    }

    @Test func eachSourceWaitsItsOwnInterval() throws {
        let (planner, sources) = try planner()
        let states: [SourceID: SourceState] = [
            "hourly": attempted(sources[0], at: now.addingTimeInterval(-3601)),
            "daily": attempted(sources[1], at: now.addingTimeInterval(-3601)),
        ]
        #expect(planner.due(sources, states: states, now: now).map(\.id) == ["hourly"])
        #expect(planner.nextWake(sources, states: states) == now.addingTimeInterval(-1))
    }

    @Test func retryAfterPostponesBeyondTheInterval() throws {
        let (planner, sources) = try planner()
        let later = now.addingTimeInterval(7200)
        let states: [SourceID: SourceState] = ["hourly": attempted(sources[0], at: now.addingTimeInterval(-3601), nextDue: later)]
        #expect(planner.nextDue(sources[0], state: states["hourly"]) == later)
        #expect(!planner.due(sources, states: states, now: now).map(\.id).contains("hourly"))
    }

    @Test func aChangedURLInTheConfigurationMakesTheSourceDue() throws {
        let (planner, sources) = try planner()
        var state = attempted(sources[0], at: now)
        state.configuredURL = "https://old.example/feed"
        #expect(planner.due(sources, states: ["hourly": state], now: now).map(\.id).contains("hourly"))
    }
}

/// The sleeps are an hour long and the bound is a minute: in a full parallel
/// run a wake-up can wait seconds for a cooperative thread behind the other
/// tests (on two cores it took 4.3-5.5 s), which a 30 s sleep with a 5 s
/// bound turned into flakes. A sleep that is not cut short still fails, by the time limit.
@Suite(.timeLimit(.minutes(2))) struct SignalWatcherTests {
    @Test func aRequestCutsTheSleepShort() async {
        let watcher = SignalWatcher(stop: [], reload: [])
        let start = ContinuousClock.now
        Task {
            try? await Task.sleep(for: .milliseconds(50))
            watcher.deliver(.reload)
        }
        await watcher.sleep(seconds: 3600)
        #expect(ContinuousClock.now - start < .seconds(60))
        #expect(watcher.takeRequests() == [.reload])
        #expect(watcher.takeRequests().isEmpty)
    }

    @Test func aPendingRequestMeansNoSleepAtAll() async {
        let watcher = SignalWatcher(stop: [], reload: [])
        watcher.deliver(.stop(signal: 15))
        let start = ContinuousClock.now
        await watcher.sleep(seconds: 3600)
        #expect(ContinuousClock.now - start < .seconds(60))
        #expect(watcher.takeRequests() == [.stop(signal: 15)])
    }
}
