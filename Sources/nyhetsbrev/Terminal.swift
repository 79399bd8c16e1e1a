import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Small helpers for talking to the person at the terminal.
enum Terminal {
    static func standardError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static func standardOutput(_ text: String) {
        standardOutput(Data(text.utf8))
    }

    static func standardOutput(_ data: Data) {
        FileHandle.standardOutput.write(data)
    }

    static func standardOutput(_ bytes: UnsafeBufferPointer<UInt8>) {
        standardOutput(Data(buffer: bytes))
    }

    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}
