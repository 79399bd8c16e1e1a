import CCurl

/// libcurl's process-wide setup, done exactly once before the first handle.
/// `curl_global_init` is not thread-safe, and a `static let` runs its
/// initializer once under a lock.
enum CurlGlobal {
    static let ready: Bool = curl_global_init(Int(CURL_GLOBAL_SSL)) == CURLE_OK
}
