import Foundation
import Testing
@testable import NyhetsbrevCore

/// The configs in Config/ are what admins install and the demo runs: they must always load cleanly.
@Suite struct ShippedConfigTests {
    private static let configDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Config")

    private func load(_ name: String) throws -> Configuration {
        let path = Self.configDirectory.appendingPathComponent(name).path
        do {
            return try ConfigLoader.load(path: path)
        } catch {
            Issue.record("\(name): \(error.problems.map(\.description).joined(separator: "\n"))")
            throw error
        }
    }

    @Test func productionConfigLoads() throws {
        let config = try load("nyhetsbrev.toml")
        #expect(config.stateDir == "/var/lib/nyhetsbrev")
        #expect(config.fetch.contact != nil)
        #expect(config.sources.count >= 10)
        #expect(config.sources.filter { $0.kind == .html }.allSatisfy { !$0.enabled })
        #expect(config.sources.allSatisfy { $0.url.scheme == "https" })
        let regeringen = try #require(config.sources.first { $0.id == "regeringen-socialdepartementet" })
        #expect(regeringen.url.absoluteString.hasSuffix("filteredContentCategories=1334,2097,2099&filteredPublisherCategories=1292"))
        let skr = try #require(config.sources.first { $0.id == "skr" })
        #expect(skr.url.absoluteString.hasSuffix("sv.contenttype=text/xml;charset=UTF-8"))
    }

    @Test func demoConfigLoadsAndItsFilesExist() throws {
        let config = try load("demo.toml")
        #expect(config.sources.count >= 3)
        for source in config.sources {
            #expect(source.isFile)
            #expect(source.url.path.hasPrefix(Self.configDirectory.appendingPathComponent("demo").standardizedFileURL.path))
            #expect(FileManager.default.isReadableFile(atPath: source.url.path), "\(source.id): \(source.url.path)")
        }
    }
}
