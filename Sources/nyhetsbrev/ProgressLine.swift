import Foundation
import NyhetsbrevCore

/// The live "fetched 12/40, 1 failed" line on stderr, shown only when stderr
/// is a terminal so that logs and pipes stay clean.
final class ProgressLine: Sendable {
    let isEnabled = Terminal.standardErrorIsTerminal

    var update: @Sendable (FetchProgress) -> Void {
        { progress in
            let failed = progress.failed > 0 ? ", \(progress.failed) failed" : ""
            FileHandle.standardError.write(Data("\r\u{1B}[Kfetched \(progress.done)/\(progress.total)\(failed)".utf8))
        }
    }

    func clear() {
        if isEnabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
