import Foundation
import TOMLKit

/// Walks a parsed TOML document and builds a `Configuration`, collecting
/// every problem instead of stopping at the first. This is the schema: the
/// allowed keys, their types, ranges and defaults live here and nowhere else.
struct ConfigDocumentReader {
    static let topLevelKeys = ["state_dir", "interval", "fetch", "archive", "sources"]
    static let fetchKeys = [
        "parallel", "per_host", "host_gap", "connect_timeout", "timeout", "low_speed_limit", "low_speed_time", "max_body",
        "contact", "ca_path", "proxy",
    ]
    static let archiveKeys = ["keep"]
    static let sourceKeys = ["id", "title", "url", "kind", "interval", "tags", "enabled"]

    /// Polling faster than every 30 s is impolite to public servers; slower than 30 days is a mistake.
    static let intervalRange: ClosedRange<Duration> = .seconds(30)...(.seconds(30 * 86_400))
    static let timeoutRange: ClosedRange<Duration> = .milliseconds(1)...(.seconds(86_400))
    static let maxBodyRange: ClosedRange<Int> = 1024...(1 << 30)
    static let proxySchemes: Set<String> = ["http", "https", "socks4", "socks4a", "socks5", "socks5h"]

    /// Directory that relative `file:` URLs and paths are resolved against.
    let baseDirectory: URL
    var problems: ProblemCollector

    init(path: String, text: String) {
        baseDirectory = URL(fileURLWithPath: path).deletingLastPathComponent()
        problems = ProblemCollector(file: path, text: text)
    }

    mutating func read(_ document: TOMLTable, path: String) -> Configuration {
        let root = TableFields(table: document, path: "")
        root.rejectUnknownKeys(Self.topLevelKeys, into: &problems)
        var configuration = Configuration(path: path)
        if let stateDir = root.text("state_dir", into: &problems) {
            configuration.stateDir = resolvePath(stateDir)
        }
        if let interval = root.duration("interval", in: Self.intervalRange, into: &problems) {
            configuration.defaultInterval = interval
        }
        if let fetch = root.subtable("fetch", into: &problems) {
            configuration.fetch = readFetch(fetch)
        }
        if let archive = root.subtable("archive", into: &problems) {
            configuration.archive = readArchive(archive)
        }
        configuration.sources = readSources(root.tableArray("sources", into: &problems))
        return configuration
    }

    private mutating func readFetch(_ table: TableFields) -> FetchSettings {
        table.rejectUnknownKeys(Self.fetchKeys, into: &problems)
        var settings = FetchSettings()
        if let value = table.integer("parallel", in: 1...256, into: &problems) { settings.parallel = value }
        if let value = table.integer("per_host", in: 1...64, into: &problems) { settings.perHost = value }
        if let value = table.seconds("host_gap", in: .zero ... .seconds(60), into: &problems) { settings.hostGap = value }
        if let value = table.integer("low_speed_limit", in: 0...(1 << 30), into: &problems) {
            settings.lowSpeedLimit = value
        }
        if let value = table.seconds("low_speed_time", in: Self.timeoutRange, into: &problems) {
            settings.lowSpeedTime = value
        }
        let connect = table.seconds("connect_timeout", in: Self.timeoutRange, into: &problems)
        let total = table.seconds("timeout", in: Self.timeoutRange, into: &problems)
        if let connect { settings.connectTimeout = connect }
        if let total { settings.timeout = total }
        if settings.connectTimeout > settings.timeout, connect != nil || total != nil {
            let key = table.keyPath(connect != nil ? "connect_timeout" : "timeout")
            problems.report(key, "connect_timeout (\(settings.connectTimeout)s) is longer than timeout (\(settings.timeout)s)")
        }
        if let value = table.byteCount("max_body", in: Self.maxBodyRange, into: &problems) {
            settings.maxBodyBytes = value
        }
        if let value = table.text("contact", into: &problems) { settings.contact = value }
        if let value = table.text("ca_path", into: &problems) { settings.caPath = resolvePath(value) }
        if let value = table.text("proxy", into: &problems) {
            if let url = URL(string: value), let scheme = url.scheme?.lowercased(), Self.proxySchemes.contains(scheme),
                url.host?.isEmpty == false
            {
                settings.proxy = value
            } else {
                let schemes = Self.proxySchemes.sorted().joined(separator: ", ")
                problems.report(table.keyPath("proxy"), "invalid proxy URL \"\(value)\" (needs a host and one of the schemes \(schemes))")
            }
        }
        return settings
    }

    private mutating func readArchive(_ table: TableFields) -> ArchiveSettings {
        table.rejectUnknownKeys(Self.archiveKeys, into: &problems)
        var settings = ArchiveSettings()
        if let text = table.string("keep", into: &problems) {
            if let period = RetentionPeriod.parse(text) {
                settings.keep = period
            } else {
                problems.report(table.keyPath("keep"), "invalid retention \"\(text)\" (use whole years or days, e.g. \"10y\" or \"400d\")")
            }
        }
        return settings
    }

    private mutating func readSources(_ tables: [TableFields]) -> [SourceConfig] {
        var sources: [SourceConfig] = []
        var firstUse: [SourceID: String] = [:]
        for table in tables {
            table.rejectUnknownKeys(Self.sourceKeys, into: &problems)
            var id: SourceID? = nil
            if let raw = table.text("id", into: &problems) {
                if !SourceID.isValid(raw) {
                    problems.report(table.keyPath("id"), "invalid id \"\(raw)\" (use lower-case letters a-z, digits and '-')")
                } else if let first = firstUse[SourceID(raw)] {
                    problems.report(table.keyPath("id"), "duplicate id \"\(raw)\" (already used by \(first))")
                } else {
                    id = SourceID(raw)
                    firstUse[SourceID(raw)] = table.path
                }
            }
            let title = table.text("title", into: &problems)
            let url = table.text("url", into: &problems).flatMap { sourceURL($0, keyPath: table.keyPath("url")) }
            for key in ["id", "title", "url"] where !table.has(key) {
                problems.report(table.keyPath(key), "missing; every source needs id, title and url")
            }
            var kind = SourceKind.feed
            if let raw = table.string("kind", into: &problems) {
                if let parsed = SourceKind(rawValue: raw) {
                    kind = parsed
                } else {
                    let allowed = SourceKind.allCases.map(\.rawValue).joined(separator: " or ")
                    problems.report(table.keyPath("kind"), "unknown kind \"\(raw)\" (use \(allowed))")
                }
            }
            let interval = table.duration("interval", in: Self.intervalRange, into: &problems)
            let tags = table.stringArray("tags", into: &problems) ?? []
            let enabled = table.bool("enabled", into: &problems) ?? true
            if let id, let title, let url {
                sources.append(
                    SourceConfig(id: id, title: title, url: url, kind: kind, interval: interval, tags: tags, enabled: enabled))
            }
        }
        return sources
    }

    /// Validates a source URL; `file:` URLs without `//` are paths relative to the config file.
    private mutating func sourceURL(_ text: String, keyPath: String) -> URL? {
        if text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control }) {
            problems.report(keyPath, "URL \"\(text)\" contains a space or control character (percent-encode it, e.g. %20)")
            return nil
        }
        guard let colon = text.firstIndex(of: ":") else {
            problems.report(keyPath, "\"\(text)\" is not an absolute URL (use http://, https:// or file:)")
            return nil
        }
        let scheme = text[..<colon].lowercased()
        let rest = text[text.index(after: colon)...]
        switch scheme {
        case "http", "https":
            guard let url = URL(string: text), url.host?.isEmpty == false, rest.hasPrefix("//") else {
                problems.report(keyPath, "invalid URL \"\(text)\" (needs a host, e.g. https://example.se/feed)")
                return nil
            }
            return url
        case "file":
            let fileHint = "invalid file URL \"\(text)\" (use file:///absolute/path or file:relative/path)"
            if rest.hasPrefix("//") {
                guard let url = URL(string: text), url.isFileURL, url.host ?? "" == "" || url.host == "localhost",
                    url.path.hasPrefix("/")
                else {
                    problems.report(keyPath, fileHint)
                    return nil
                }
                return url
            }
            guard !rest.isEmpty, let path = String(rest).removingPercentEncoding else {
                problems.report(keyPath, fileHint)
                return nil
            }
            return URL(fileURLWithPath: resolvePath(path))
        default:
            problems.report(keyPath, "unsupported scheme \"\(scheme)\" (use http, https or file)")
            return nil
        }
    }

    /// Absolute paths stay; relative ones are taken from the config file's directory.
    private func resolvePath(_ path: String) -> String {
        path.hasPrefix("/") ? URL(fileURLWithPath: path).standardizedFileURL.path
            : URL(fileURLWithPath: path, relativeTo: baseDirectory).standardizedFileURL.path
    }
}
