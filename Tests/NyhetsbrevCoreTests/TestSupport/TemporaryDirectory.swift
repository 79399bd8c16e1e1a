import Foundation

/// A fresh directory under the system temp dir, removed when the value dies.
final class TemporaryDirectory: Sendable {
    let url: URL

    init(_ label: String = "nyhetsbrev-test") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    var path: String { url.path }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    deinit { try? FileManager.default.removeItem(at: url) }
}
