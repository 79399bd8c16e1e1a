import Foundation
import NyhetsbrevCore

// Parses one file repeatedly with the production parser and prints the best
// and median wall time, throughput and entry count. Release build:
//   swift build -c release --product ParseBench
//   .build/release/ParseBench FILE [RUNS]
// Files given together are parsed once each per run (a corpus pass).
// --dump DIR writes each file's normalized JSON and its entries' sanitized HTML
// (or its error) to DIR, so two builds can be checked to give byte-identical results.
// --stream parses each file from disk as `nyhetsbrev parse FILE` does (streamed
// to libxml2 when it is UTF-8), instead of from bytes read into memory first:
// the time then includes reading the file, and memory excludes holding it.

let arguments = Array(CommandLine.arguments.dropFirst())
guard !arguments.isEmpty else {
    FileHandle.standardError.write(Data("usage: ParseBench FILE... [--runs N]\n".utf8))
    exit(1)
}
var runs = 5
var paths: [String] = []
var dumpDirectory: String?
var streaming = false
var index = 0
while index < arguments.count {
    if arguments[index] == "--runs", index + 1 < arguments.count, let n = Int(arguments[index + 1]) {
        runs = max(1, n)
        index += 2
    } else if arguments[index] == "--stream" {
        streaming = true
        index += 1
    } else if arguments[index] == "--dump", index + 1 < arguments.count {
        dumpDirectory = arguments[index + 1]
        index += 2
    } else {
        paths.append(arguments[index])
        index += 1
    }
}
let sizes = paths.map { path -> Int in
    guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int else {
        FileHandle.standardError.write(Data("ParseBench: cannot read \(path)\n".utf8))
        exit(1)
    }
    return size
}
let bytes = sizes.reduce(0, +)
// with --stream, the files are read while they are parsed
let documents = streaming ? [] : paths.compactMap { FileManager.default.contents(atPath: $0) }
// The big benchmark feed is larger than the production default limit.
var options = FeedParser.Options()
options.maxBytes = max(options.maxBytes, sizes.max() ?? 0)
let parser = FeedParser(options: options)

/// Parses the index-th file the way this run was asked to.
@MainActor func parse(_ index: Int) throws -> ParsedFeed {
    try streaming ? parser.parse(filePath: paths[index]) : parser.parse(documents[index])
}
if let dumpDirectory {
    for (index, path) in paths.enumerated() {
        let name = URL(fileURLWithPath: path).lastPathComponent
        let output: Data
        do {
            let feed = try parse(index)
            // the schema JSON, then the sanitized HTML the digest uses, which the schema leaves out
            var dump = NormalizedFeedJSON.encode(feed)
            for entry in feed.entries {
                dump.append(Data("\n--- summary_html\n\(entry.summaryHTML ?? "null")\n--- content_html\n\(entry.contentHTML ?? "null")".utf8))
            }
            output = dump
        } catch {
            output = Data("error: \(error)\n".utf8)
        }
        guard FileManager.default.createFile(atPath: dumpDirectory + "/" + name + ".json", contents: output) else {
            FileHandle.standardError.write(Data("ParseBench: cannot write to \(dumpDirectory)\n".utf8))
            exit(1)
        }
    }
    exit(0)
}
var times: [Double] = []
var entries = 0
var failures = 0
let clock = ContinuousClock()
for _ in 0..<runs {
    entries = 0
    failures = 0
    let elapsed = clock.measure {
        for index in paths.indices {
            do {
                entries += try parse(index).entries.count
            } catch {
                failures += 1
                if failures == 1 { FileHandle.standardError.write(Data("ParseBench: \(error)\n".utf8)) }
            }
        }
    }
    times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}
times.sort()
let best = times[0]
let median = times[times.count / 2]
print(
    String(
        format: "files=%d bytes=%d entries=%d failures=%d runs=%d best=%.4fs median=%.4fs throughput=%.1fMB/s",
        paths.count, bytes, entries, failures, runs, best, median, Double(bytes) / best / 1e6))
