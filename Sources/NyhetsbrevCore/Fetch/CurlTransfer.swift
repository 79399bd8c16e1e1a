import CCurl
import Foundation

/// One HTTP exchange (one redirect hop) on a libcurl easy handle. Owns the
/// handle and everything libcurl points into; lives only on the loop thread.
final class CurlTransfer {
    let handle: UnsafeMutableRawPointer
    let jobIndex: Int
    private(set) var body = Data()
    /// Response headers of the last header block, names lower-cased.
    private(set) var headers: [String: String] = [:]
    /// Set when the decoded body passed `maxBodyBytes`; the write callback
    /// then aborts the transfer, so a compression bomb never fills memory.
    private(set) var exceededLimit = false
    private let maxBodyBytes: Int
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>

    /// A configured handle, or nil when libcurl could not allocate one.
    init?(job: FetchJob, jobIndex: Int, settings: FetchSettings, timeoutMs: Int) {
        guard CurlGlobal.ready, let handle = curl_easy_init() else { return nil }
        self.handle = handle
        self.jobIndex = jobIndex
        self.maxBodyBytes = settings.maxBodyBytes
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        configure(job: job, settings: settings, timeoutMs: timeoutMs)
    }

    deinit {
        curl_easy_cleanup(handle)
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    private func configure(job: FetchJob, settings: FetchSettings, timeoutMs: Int) {
        setLong(CURLOPT_NOSIGNAL, 1)
        setString(CURLOPT_URL, job.url.absoluteString)
        // Redirects are followed by the loop, hop by hop, so each hop's status
        // is seen (permanent or not) and each target's scheme is checked.
        setLong(CURLOPT_FOLLOWLOCATION, 0)
        setString(CURLOPT_PROTOCOLS_STR, job.request.allowFile ? "http,https,file" : "http,https")
        setString(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        setString(CURLOPT_ACCEPT_ENCODING, "")
        setString(CURLOPT_USERAGENT, settings.userAgent)
        setLong(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(settings.connectTimeout))
        setLong(CURLOPT_TIMEOUT_MS, timeoutMs)
        setLong(CURLOPT_LOW_SPEED_LIMIT, max(1, settings.lowSpeedLimit))
        setLong(CURLOPT_LOW_SPEED_TIME, max(1, Int(settings.lowSpeedTime.rounded(.up))))
        nyh_easy_setopt_off(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(settings.maxBodyBytes))
        setLong(CURLOPT_SSL_VERIFYPEER, 1)
        setLong(CURLOPT_SSL_VERIFYHOST, 2)
        if let caPath = settings.caPath { setString(CURLOPT_CAINFO, caPath) }
        if let proxy = settings.proxy { setString(CURLOPT_PROXY, proxy) }
        nyh_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)

        var lines = ["Accept: \(Self.accept)"]
        if let etag = job.request.etag { lines.append("If-None-Match: \(etag)") }
        if let lastModified = job.request.lastModified { lines.append("If-Modified-Since: \(lastModified)") }
        // A stored ETag or date with a line break would inject headers. Checked as
        // bytes: String.contains(String) is Foundation's search, CoreFoundation's code
        // pages resident for two characters.
        for line in lines where !line.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A }) {
            headerList = curl_slist_append(headerList, line)
        }
        nyh_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList)

        let context = Unmanaged.passUnretained(self).toOpaque()
        nyh_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, context)
        nyh_easy_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            guard let data, let context else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            return transfer.receiveBody(data, size * count)
        }
        nyh_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, context)
        nyh_easy_setopt_data_callback(handle, CURLOPT_HEADERFUNCTION) { data, size, count, context in
            guard let data, let context else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            transfer.receiveHeader(data, size * count)
            return size * count
        }
    }

    /// Feed formats first, HTML last (some sources are scraped pages).
    private static let accept =
        "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, "
        + "text/xml;q=0.9, application/json;q=0.8, text/html;q=0.7, */*;q=0.5"

    private func receiveBody(_ data: UnsafeMutablePointer<CChar>, _ count: Int) -> Int {
        guard body.count + count <= maxBodyBytes else {
            exceededLimit = true
            return 0
        }
        data.withMemoryRebound(to: UInt8.self, capacity: count) { body.append($0, count: count) }
        return count
    }

    /// One header line as libcurl hands it over (CRLF included), read as
    /// bytes: every response of a cycle passes here, and Foundation's
    /// trimming was a measurable part of a 500-source cycle.
    private func receiveHeader(_ data: UnsafeMutablePointer<CChar>, _ count: Int) {
        data.withMemoryRebound(to: UInt8.self, capacity: count) { start in
            let line = UnsafeBufferPointer(start: start, count: count)
            if line.starts(with: "HTTP/".utf8) {
                headers = [:]
                return
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return }
            let name = String(decoding: Self.trimmed(line[..<colon]), as: UTF8.self).lowercased()
            headers[name] = String(decoding: Self.trimmed(line[(colon + 1)...]), as: UTF8.self)
        }
    }

    /// Without the spaces, tabs and line ends HTTP allows around names and values.
    private static func trimmed(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Slice<UnsafeBufferPointer<UInt8>> {
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else {
            return bytes[bytes.startIndex..<bytes.startIndex]
        }
        return bytes[first...last]
    }

    var responseCode: Int {
        var code = 0
        nyh_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &code)
        return code
    }

    /// The absolute target of a 3xx `Location`, resolved by libcurl.
    var redirectURL: String? { stringInfo(CURLINFO_REDIRECT_URL) }

    /// libcurl's message for a failure: the detailed error buffer, else the code's text.
    func errorMessage(_ code: CURLcode) -> String {
        let detail = String(cString: errorBuffer)
        return detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
    }

    private func stringInfo(_ info: CURLINFO) -> String? {
        var pointer: UnsafeMutablePointer<CChar>?
        guard nyh_easy_getinfo_string(handle, info, &pointer) == CURLE_OK, let pointer else { return nil }
        return String(cString: pointer)
    }

    private func setLong(_ option: CURLoption, _ value: Int) {
        nyh_easy_setopt_long(handle, option, value)
    }

    private func setString(_ option: CURLoption, _ value: String) {
        nyh_easy_setopt_string(handle, option, value)
    }

    static func milliseconds(_ seconds: Double) -> Int { max(1, Int((seconds * 1000).rounded(.up))) }
}
