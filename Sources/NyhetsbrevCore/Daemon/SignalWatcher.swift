import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Turns SIGTERM/SIGINT into "stop after this cycle" and SIGHUP into "reload
/// the configuration", and cuts the daemon's sleep short when either comes.
/// (An untrapped SIGHUP would kill the process with status 129.)
public final class SignalWatcher: Sendable {
    public enum Request: Sendable, Equatable { case stop(signal: Int32), reload }

    private struct State {
        var pending: [Request] = []
        var sleeper: Task<Void, Never>?
    }

    private let state: Mutex<State>
    /// Written once in init, read once in deinit; never shared otherwise.
    nonisolated(unsafe) private let sources: [any DispatchSourceSignal]

    public init(stop: [Int32] = [SIGTERM, SIGINT], reload: [Int32] = [SIGHUP]) {
        let state = Mutex(State())
        let queue = DispatchQueue(label: "nyhetsbrev.signals")
        let wanted = stop.map { ($0, Request.stop(signal: $0)) } + reload.map { ($0, Request.reload) }
        self.state = state
        self.sources = wanted.map { number, _ in
            signal(number, SIG_IGN)
            return DispatchSource.makeSignalSource(signal: number, queue: queue)
        }
        for (source, (_, request)) in zip(sources, wanted) {
            source.setEventHandler { [weak self] in self?.deliver(request) }
            source.resume()
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }

    /// Records a request and wakes a sleeping daemon. Public so tests can
    /// drive the daemon without sending real signals.
    public func deliver(_ request: Request) {
        let sleeper = state.withLock { state -> Task<Void, Never>? in
            state.pending.append(request)
            return state.sleeper
        }
        sleeper?.cancel()
    }

    /// Requests received since the last call, oldest first.
    public func takeRequests() -> [Request] {
        state.withLock { state in
            defer { state.pending.removeAll() }
            return state.pending
        }
    }

    /// Sleeps up to `seconds`, returning early when a request arrives (or
    /// has arrived and not been taken yet).
    public func sleep(seconds: TimeInterval) async {
        let sleeper = Task<Void, Never> { _ = try? await Task.sleep(for: .seconds(seconds)) }
        let alreadyPending = state.withLock { state -> Bool in
            state.sleeper = sleeper
            return !state.pending.isEmpty
        }
        if alreadyPending { sleeper.cancel() }
        await sleeper.value
        state.withLock { $0.sleeper = nil }
    }
}
