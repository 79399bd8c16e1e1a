import Foundation
import NyhetsbrevCore

#if FUZZING
import CFuzzerDriver
#endif

// libFuzzer target over FeedParser.parse(bytes). Built for fuzzing with
//   swift build -c release --scratch-path .build-fuzz --product FeedFuzzer \
//     -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING -Xlinker --allow-multiple-definition
// then run as `.build-fuzz/release/FeedFuzzer CORPUS_DIR -max_total_time=600`.
// A normal build replays the files given as
// arguments, so a crash found by the fuzzer can be re-run under a debugger.

/// Any input must give a feed or a typed error within bounds: a crash, a trap
/// or a hang here is a bug.
func parseForFuzzing(_ bytes: UnsafeRawBufferPointer) {
    let data = Data(bytes)
    var options = FeedParser.Options()
    options.maxBytes = 1 << 20
    _ = try? FeedParser(options: options).parse(data, documentURL: URL(string: "https://fuzz.example/feed/"))
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
