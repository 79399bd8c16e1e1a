import Foundation
import NyhetsbrevCore

#if FUZZING
import CFuzzerDriver
#endif

// libFuzzer target over FeedParser.parse(bytes), and over parse(fileDescriptor:)
// of the same bytes read in small pieces, which must give the same result. Built for fuzzing with
//   swift build -c release --scratch-path .build-fuzz --product FeedFuzzer \
//     -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING -Xlinker --allow-multiple-definition
// then run as `.build-fuzz/release/FeedFuzzer CORPUS_DIR -max_total_time=600`.
// A normal build replays the files given as
// arguments, so a crash found by the fuzzer can be re-run under a debugger.

/// An unlinked file in shared memory that each input is written to.
let scratchFile: Int32 = {
    var template = Array("/dev/shm/feedfuzzer-XXXXXX".utf8CString)
    let file = mkstemp(&template)
    guard file >= 0 else { fatalError("cannot create a scratch file in /dev/shm: \(String(cString: strerror(errno)))") }
    unlink(template)
    return file
}()

/// Any input must give a feed or a typed error within bounds: a crash, a trap
/// or a hang here is a bug. So is a file parsed as it is read (in pieces of
/// 1 to 64 bytes, so that every boundary cuts characters and markup) giving
/// anything but what the bytes in memory give.
func parseForFuzzing(_ bytes: UnsafeRawBufferPointer) {
    let data = Data(bytes)
    var options = FeedParser.Options()
    options.maxBytes = 1 << 20
    let url = URL(string: "https://fuzz.example/feed/")
    let inMemory = Result { () throws(ParseError) in try FeedParser(options: options).parse(data, documentURL: url) }
    let file = scratchFile
    guard ftruncate(file, 0) == 0, bytes.isEmpty || pwrite(file, bytes.baseAddress, bytes.count, 0) == bytes.count else {
        fatalError("cannot write the scratch file: \(String(cString: strerror(errno)))")
    }
    options.readSize = 1 + Int(bytes.last ?? 0) % 64
    let fromFile = Result { () throws(ParseError) in try FeedParser(options: options).parse(fileDescriptor: file, documentURL: url) }
    if fromFile != inMemory { fatalError("parse(fileDescriptor:) differs from parse(_:) with pieces of \(options.readSize) bytes") }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    parseForFuzzing(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

/// SwiftPM names every executable's entry point and aliases `main` to it,
/// while -sanitize=fuzzer links libFuzzer's own `main` too; the build adds
/// `--allow-multiple-definition`, and whichever main the linker keeps starts
/// the same libFuzzer driver over `LLVMFuzzerTestOneInput`.
@main
enum FeedFuzzer {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) })
    }
}
#else
@main
enum FeedFuzzerReplay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("FeedFuzzer: cannot read \(path)\n".utf8))
                exit(1)
            }
            data.withUnsafeBytes(parseForFuzzing)
            print("ok \(path)")
        }
    }
}
#endif
