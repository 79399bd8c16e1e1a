import Foundation

/// Decides which sources are due for a fetch, and when the next one will be.
/// Pure logic over the stored state, so a week of scheduling is testable in
/// microseconds.
public struct DuePlanner: Sendable {
    public var configuration: Configuration

    public init(configuration: Configuration) { self.configuration = configuration }

    public func interval(of source: SourceConfig) -> TimeInterval {
        Self.seconds(configuration.interval(for: source))
    }

    /// When `source` should next be fetched: never-fetched sources at once,
    /// otherwise one interval after the last attempt, or at the time a
    /// source asked for (Retry-After), whichever is later.
    public func nextDue(_ source: SourceConfig, state: SourceState?) -> Date {
        guard let state, let last = state.lastAttempt, state.configuredURL == source.url.absoluteString else {
            return .distantPast
        }
        let regular = last.addingTimeInterval(interval(of: source))
        guard let asked = state.nextDue else { return regular }
        return max(regular, asked)
    }

    /// The enabled sources due at `now`, in configuration order.
    public func due(_ sources: [SourceConfig], states: [SourceID: SourceState], now: Date) -> [SourceConfig] {
        sources.filter { $0.enabled && nextDue($0, state: states[$0.id]) <= now }
    }

    /// The earliest time any enabled source becomes due; nil when none is enabled.
    public func nextWake(_ sources: [SourceConfig], states: [SourceID: SourceState]) -> Date? {
        sources.filter(\.enabled).map { nextDue($0, state: states[$0.id]) }.min()
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        let c = duration.components
        return TimeInterval(c.seconds) + TimeInterval(c.attoseconds) / 1e18
    }
}
