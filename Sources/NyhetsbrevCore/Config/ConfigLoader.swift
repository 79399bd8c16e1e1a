import Foundation
import TOMLKit

/// Reads and validates configuration files. Loading either yields a fully
/// checked `Configuration` or every problem in the file at once.
public enum ConfigLoader {
    /// Where the daemon looks when nothing else is said (FHS: host-specific config).
    public static let defaultPath = "/etc/nyhetsbrev/nyhetsbrev.toml"
    /// Environment variable that overrides `defaultPath`, for containers and tests.
    public static let environmentVariable = "NYHETSBREV_CONFIG"
    /// A config file is hand-written text; anything larger is almost certainly the wrong file.
    public static let maximumFileSize = 1 << 20

    public static func load(path: String) throws(ConfigError) -> Configuration {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadable(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw .unreadable(path: path, reason: "is a directory") }
        let url = URL(fileURLWithPath: path)
        let values = try? url.resolvingSymlinksInPath().resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey])
        guard values?.isRegularFile != false else { throw .unreadable(path: path, reason: "not a regular file") }
        let tooLarge = "larger than \(maximumFileSize / 1024) KiB; is this the right file?"
        if let size = values?.fileSize, size > maximumFileSize { throw .unreadable(path: path, reason: tooLarge) }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            let reason = FileManager.default.isReadableFile(atPath: path) ? "\(error.localizedDescription)" : "permission denied"
            throw .unreadable(path: path, reason: reason)
        }
        guard data.count <= maximumFileSize else { throw .unreadable(path: path, reason: tooLarge) }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(path: path, reason: "not UTF-8 text")
        }
        return try parse(text: text, path: path).get()
    }

    /// Parses `text` as if read from `path` (which anchors relative `file:`
    /// URLs and paths). Pure apart from resolving a relative `path` against
    /// the working directory, so tests need no files.
    public static func parse(text: String, path: String) -> Result<Configuration, ConfigError> {
        let document: TOMLTable
        do {
            document = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let line = error.source.begin.line > 0 ? error.source.begin.line : nil
            return .failure(.invalid([ConfigProblem(file: path, line: line, keyPath: "", message: "TOML syntax error: \(error.description)")]))
        } catch {
            return .failure(.invalid([ConfigProblem(file: path, line: nil, keyPath: "", message: "TOML syntax error: \(error)")]))
        }
        var reader = ConfigDocumentReader(path: path, text: text)
        let configuration = reader.read(document, path: path)
        let problems = reader.problems.sorted
        return problems.isEmpty ? .success(configuration) : .failure(.invalid(problems))
    }

    /// `--config`, else `$NYHETSBREV_CONFIG`, else `/etc/nyhetsbrev/nyhetsbrev.toml`.
    /// Empty values count as unset, so `NYHETSBREV_CONFIG=` does not mean "the current directory".
    public static func resolvePath(explicit: String?, environment: [String: String]) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let fromEnvironment = environment[environmentVariable], !fromEnvironment.isEmpty { return fromEnvironment }
        return defaultPath
    }
}
