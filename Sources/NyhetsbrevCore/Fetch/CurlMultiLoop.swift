import CCurl
import Foundation
import Logging

/// Drives every transfer of one `fetchAll` call on a single libcurl multi
/// handle, on the thread that calls `run()`. Schedules hops itself so that
/// the total and per-host limits, the per-host gap and redirect re-queuing are
/// all in one place. Not Sendable: created, used and destroyed on that thread.
final class CurlMultiLoop {
    private let settings: FetchSettings
    private let progress: (@Sendable (FetchProgress) -> Void)?
    private let onResult: (@Sendable (SourceID, Result<FetchResponse, FetchError>) -> Void)?
    private let cancellation: CancellationFlag
    private let logger: Logger
    private let clock = ContinuousClock()
    private let multi: UnsafeMutableRawPointer?

    private var jobs: [FetchJob]
    private var results: [Result<FetchResponse, FetchError>?]
    /// Job indices waiting for a slot, in start order.
    private var pending: [Int]
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]
    private var activePerHost: [String: Int] = [:]
    private var nextStartPerHost: [String: ContinuousClock.Instant] = [:]
    private var finished = 0
    private var failed = 0

    /// Longest sleep in curl_multi_poll, so cancellation and host gaps are noticed promptly.
    private static let maxPollMs = 100

    init(
        requests: [FetchRequest], settings: FetchSettings, progress: (@Sendable (FetchProgress) -> Void)?,
        onResult: (@Sendable (SourceID, Result<FetchResponse, FetchError>) -> Void)? = nil,
        cancellation: CancellationFlag, logger: Logger
    ) {
        self.settings = settings
        self.progress = progress
        self.onResult = onResult
        self.cancellation = cancellation
        self.logger = logger
        jobs = requests.map(FetchJob.init)
        results = Array(repeating: nil, count: requests.count)
        pending = Array(requests.indices)
        multi = CurlGlobal.ready ? curl_multi_init() : nil
        if let multi {
            nyh_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(1, settings.parallel))
        }
    }

    deinit {
        for (handle, _) in active { curl_multi_remove_handle(multi, handle) }
        active.removeAll()
        if let multi { curl_multi_cleanup(multi) }
    }

    /// Runs until every job has a result; blocks the calling thread.
    func run() -> [Result<FetchResponse, FetchError>] {
        guard let multi else {
            let error = FetchError.transport(code: Int(CURLE_FAILED_INIT.rawValue), message: "libcurl failed to initialise")
            return jobs.map { _ in .failure(error) }
        }
        while finished < jobs.count {
            if cancellation.isCancelled {
                cancelRemaining()
                break
            }
            startReadyJobs()
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            // A completion may free a slot or queue a redirect hop: start those before sleeping.
            if collectCompleted(multi) > 0 { continue }
            if finished == jobs.count { break }
            curl_multi_poll(multi, nil, 0, Int32(pollTimeoutMs()), nil)
        }
        return results.map { $0 ?? .failure(.cancelled) }
    }

    // MARK: Scheduling

    private func startReadyJobs() {
        let now = clock.now
        var index = 0
        while index < pending.count, active.count < max(1, settings.parallel) {
            let jobIndex = pending[index]
            let host = jobs[jobIndex].hostKey
            let hostBusy = activePerHost[host, default: 0] >= max(1, settings.perHost)
            let tooSoon = nextStartPerHost[host].map { now < $0 } ?? false
            if hostBusy || tooSoon {
                index += 1
                continue
            }
            pending.remove(at: index)
            start(jobIndex, now: now)
        }
    }

    private func start(_ jobIndex: Int, now: ContinuousClock.Instant) {
        guard let multi else { return }
        if jobs[jobIndex].startedAt == nil { jobs[jobIndex].startedAt = now }
        let job = jobs[jobIndex]
        guard FetchJob.isAllowed(job.url, allowFile: job.request.allowFile) else {
            finish(jobIndex, .failure(.unsupportedURL(job.url)))
            return
        }
        let remaining = settings.timeout - seconds(now - (job.startedAt ?? now))
        guard remaining > 0 else {
            finish(jobIndex, .failure(.timeout(settings.timeout)))
            return
        }
        guard
            let transfer = CurlTransfer(
                job: job, jobIndex: jobIndex, settings: settings,
                timeoutMs: CurlTransfer.milliseconds(remaining))
        else {
            finish(jobIndex, .failure(.transport(code: Int(CURLE_OUT_OF_MEMORY.rawValue), message: "could not create a transfer")))
            return
        }
        let added = curl_multi_add_handle(multi, transfer.handle)
        guard added == CURLM_OK else {
            let message = String(cString: curl_multi_strerror(added))
            finish(jobIndex, .failure(.transport(code: Int(added.rawValue), message: message)))
            return
        }
        active[transfer.handle] = transfer
        activePerHost[job.hostKey, default: 0] += 1
        if settings.hostGap > 0 {
            nextStartPerHost[job.hostKey] = now.advanced(by: .milliseconds(Int(settings.hostGap * 1000)))
        }
    }

    /// Sleep until the next host gap ends, at most `maxPollMs`. Jobs waiting
    /// for a busy host are left out: a finishing transfer wakes the poll anyway.
    private func pollTimeoutMs() -> Int {
        guard active.count < max(1, settings.parallel) else { return Self.maxPollMs }
        let now = clock.now
        let gapEnds = pending.compactMap { index -> ContinuousClock.Instant? in
            let host = jobs[index].hostKey
            guard activePerHost[host, default: 0] < max(1, settings.perHost) else { return nil }
            return nextStartPerHost[host].flatMap { $0 > now ? $0 : nil }
        }
        guard let soonest = gapEnds.min() else { return Self.maxPollMs }
        return min(Self.maxPollMs, max(1, Int((seconds(soonest - now) * 1000).rounded(.up))))
    }

    // MARK: Completion

    /// Handles every finished hop; returns how many there were.
    private func collectCompleted(_ multi: UnsafeMutableRawPointer) -> Int {
        var completed = 0
        var queued: Int32 = 0
        while let message = curl_multi_info_read(multi, &queued) {
            guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle,
                let transfer = active.removeValue(forKey: handle)
            else { continue }
            completed += 1
            let code = nyh_msg_result(message)
            curl_multi_remove_handle(multi, handle)
            let jobIndex = transfer.jobIndex
            activePerHost[jobs[jobIndex].hostKey, default: 1] -= 1
            switch outcome(of: transfer, code: code, job: jobs[jobIndex]) {
            case .finished(let result):
                finish(jobIndex, result)
            case .redirect(let status, let target):
                redirect(jobIndex, status: status, to: target)
            }
        }
        return completed
    }

    private func redirect(_ jobIndex: Int, status: Int, to target: URL) {
        guard FetchJob.isAllowed(target, allowFile: false) else {
            finish(jobIndex, .failure(.redirectRefused(target)))
            return
        }
        guard jobs[jobIndex].hops < FetchTransferLimits.maxRedirects else {
            finish(jobIndex, .failure(.tooManyRedirects))
            return
        }
        jobs[jobIndex].follow(status: status, to: target)
        // First in line: it already waited its turn once.
        pending.insert(jobIndex, at: 0)
    }

    private func finish(_ jobIndex: Int, _ result: Result<FetchResponse, FetchError>) {
        guard results[jobIndex] == nil else { return }
        // A streaming caller has the body from `onResult`; keeping every
        // body until the batch ends would hold all documents at once.
        results[jobIndex] = onResult == nil ? result : result.map { var r = $0; r.body = Data(); return r }
        finished += 1
        let job = jobs[jobIndex]
        switch result {
        case .success(let response):
            logger.debug(
                "fetched",
                metadata: [
                    "source": "\(job.request.sourceID)", "status": "\(response.status)",
                    "bytes": "\(response.body.count)", "elapsed": "\(String(format: "%.3f", response.elapsed))",
                ])
        case .failure(let error):
            failed += 1
            logger.debug("fetch failed", metadata: ["source": "\(job.request.sourceID)", "error": "\(error)"])
        }
        onResult?(job.request.sourceID, result)
        progress?(FetchProgress(done: finished, total: jobs.count, failed: failed))
    }

    private func cancelRemaining() {
        guard let multi else { return }
        for (handle, _) in active { curl_multi_remove_handle(multi, handle) }
        active.removeAll()
        pending.removeAll()
        for index in jobs.indices where results[index] == nil { finish(index, .failure(.cancelled)) }
    }

    private enum HopOutcome {
        case finished(Result<FetchResponse, FetchError>)
        case redirect(status: Int, target: URL)
    }

    private func outcome(of transfer: CurlTransfer, code: CURLcode, job: FetchJob) -> HopOutcome {
        guard code == CURLE_OK else { return .finished(.failure(error(for: code, transfer: transfer))) }
        let isFile = job.url.isFileURL
        let status = isFile ? 200 : transfer.responseCode
        let headers = transfer.headers
        if HTTPStatus.isRedirect(status), let location = transfer.redirectURL {
            guard let target = URL(string: location) else {
                return .finished(.failure(.transport(code: 0, message: "unparsable redirect target \(location)")))
            }
            return .redirect(status: status, target: target)
        }
        guard (200..<300).contains(status) || status == 304 else {
            let retryAfter =
                HTTPStatus.carriesRetryAfter(status)
                ? headers["retry-after"].flatMap { RetryAfter.parse($0, now: Date()) } : nil
            return .finished(.failure(.http(status: status, retryAfter: retryAfter)))
        }
        let notModified = status == 304
        let elapsed = job.startedAt.map { seconds(clock.now - $0) } ?? 0
        let response = FetchResponse(
            status: status,
            body: notModified ? Data() : transfer.body,
            contentType: headers["content-type"],
            finalURL: job.url,
            // A 304 may omit validators; the ones sent are still the current ones.
            etag: headers["etag"] ?? (notModified ? job.request.etag : nil),
            lastModified: headers["last-modified"] ?? (notModified ? job.request.lastModified : nil),
            permanentRedirect: job.permanentTarget,
            elapsed: elapsed,
            retryAfter: nil)
        return .finished(.success(response))
    }

    private func error(for code: CURLcode, transfer: CurlTransfer) -> FetchError {
        let message = transfer.errorMessage(code)
        switch code {
        case CURLE_WRITE_ERROR where transfer.exceededLimit, CURLE_FILESIZE_EXCEEDED:
            return .tooLarge(limit: settings.maxBodyBytes)
        case CURLE_OPERATION_TIMEDOUT:
            if message.localizedCaseInsensitiveContains("too slow") { return .tooSlow }
            if message.hasPrefix("Connection timed out") || message.hasPrefix("Failed to connect") {
                return .connect(message)
            }
            if message.hasPrefix("Resolving timed out") { return .dns(message) }
            return .timeout(settings.timeout)
        case CURLE_COULDNT_CONNECT:
            return .connect(message)
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .dns(message)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_CRL_BADFILE, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED,
            CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT:
            return .tls(message)
        default:
            return .transport(code: Int(code.rawValue), message: message)
        }
    }

    private func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
