import Foundation
import Testing
@testable import NyhetsbrevCore

@Suite struct FileLockTests {
    @Test func secondLockerWithoutWaitIsToldTheStateDirIsBusy() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("lock").path
        let held = try FileLock(path: path, wait: false)
        #expect(throws: FileLock.Failure.busy(path: path)) { try FileLock(path: path, wait: false) }
        _ = held
    }

    @Test func lockIsFreeAgainWhenReleased() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("lock").path
        do { _ = try FileLock(path: path, wait: false) }
        _ = try FileLock(path: path, wait: false)
    }

    @Test func atomicWriteReplacesContentAndLeavesNoTempFile() throws {
        let dir = try TemporaryDirectory()
        let target = dir.file("x.json")
        try AtomicFile.write(Data("old".utf8), to: target)
        try AtomicFile.write(Data("new".utf8), to: target)
        #expect(try String(contentsOf: target, encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["x.json"])
    }

    @Test func atomicWriteIntoMissingDirectoryFailsNamingTheFile() {
        let target = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/x.json")
        #expect(throws: AtomicFile.Failure.self) { try AtomicFile.write(Data(), to: target) }
    }
}
