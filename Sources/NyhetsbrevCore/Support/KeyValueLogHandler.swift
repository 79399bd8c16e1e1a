import Foundation
import Logging

/// Writes one line per event to stderr: `level message key=value …`.
///
/// Under systemd (when `JOURNAL_STREAM` is set) each line starts with the
/// syslog priority in angle brackets, which journald turns into the entry's
/// priority, and the timestamp is left to journald. By hand, lines carry an
/// ISO 8601 timestamp.
public struct KeyValueLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private let journald: Bool
    private let sink: @Sendable (String) -> Void

    public init(
        label: String, level: Logger.Level = .info, journald: Bool = ProcessInfo.processInfo.environment["JOURNAL_STREAM"] != nil,
        sink: @escaping @Sendable (String) -> Void = KeyValueLogHandler.writeToStandardError
    ) {
        self.label = label
        self.logLevel = level
        self.journald = journald
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        var line = ""
        if journald {
            line += "<\(Self.priority(event.level))>"
        } else {
            line += Date().formatted(Self.timestampStyle) + " "
        }
        line += "\(event.level) \(Self.sanitize(event.message.description))"
        for key in merged.keys.sorted() {
            line += " \(key)=\(Self.quote(merged[key]?.description ?? ""))"
        }
        sink(line + "\n")
    }

    static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// Values with spaces, quotes or '=' are quoted so the line stays parseable.
    static func quote(_ value: String) -> String {
        let clean = sanitize(value)
        let needsQuotes = clean.isEmpty || clean.contains { $0 == " " || $0 == "\"" || $0 == "=" }
        guard needsQuotes else { return clean }
        return "\"" + clean.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Keeps an event on one line whatever a feed put into the message.
    static func sanitize(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }

    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    public static let writeToStandardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data(line.utf8))
    }
}
