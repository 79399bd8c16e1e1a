/// One thing wrong in a configuration file. Problems are collected rather
/// than thrown one at a time so an admin can fix a file in one pass.
public struct ConfigProblem: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// Best-effort line number; TOML values carry none, so it is found by
    /// scanning the text and may be the enclosing table's header line.
    public var line: Int?
    /// Where in the document, e.g. `sources[2].url` (sources count from 1
    /// in file order) or `fetch.parallel`; empty for whole-file problems.
    public var keyPath: String
    public var message: String

    public init(file: String, line: Int?, keyPath: String, message: String) {
        self.file = file
        self.line = line
        self.keyPath = keyPath
        self.message = message
    }

    /// `file:line: key.path: message`, the format editors and CI parse.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if !keyPath.isEmpty { text += keyPath + ": " }
        return text + message
    }
}
