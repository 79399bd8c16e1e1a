import Testing
@testable import NyhetsbrevCore

@Suite struct DurationSyntaxTests {
    @Test(arguments: [
        ("45s", 45), ("30m", 1800), ("2h", 7200), ("1d", 86_400), ("1h30m", 5400), ("1d2h3m4s", 93_784), ("0s", 0),
    ] as [(String, Int64)])
    func parsesValidNotation(_ text: String, _ seconds: Int64) {
        #expect(DurationSyntax.parse(text) == .seconds(seconds))
    }

    @Test(arguments: ["", "30", "m", "1h1h", "30m1h", "1H", "1.5h", " 1h", "1h ", "1w", "9999999999s"])
    func rejectsInvalidNotation(_ text: String) {
        #expect(DurationSyntax.parse(text) == nil)
    }

    @Test(arguments: [45, 1800, 5400, 93_784] as [Int64])
    func formatRoundTrips(_ seconds: Int64) {
        #expect(DurationSyntax.parse(DurationSyntax.format(.seconds(seconds))) == .seconds(seconds))
    }

    @Test func formatsWhatTheNotationCannotExpressAsSeconds() {
        #expect(DurationSyntax.format(.seconds(5400)) == "1h30m")
        #expect(DurationSyntax.format(.zero) == "0s")
        #expect(DurationSyntax.format(.milliseconds(-1500)) == "-1.5s")
        #expect(DurationSyntax.format(.milliseconds(1)) == "0.001s")
    }
}

@Suite struct ByteSizeSyntaxTests {
    @Test(arguments: [
        ("20MB", 20 << 20), ("512 KB", 512 << 10), ("1GiB", 1 << 30), ("1gb", 1 << 30), ("4096", 4096), ("10B", 10),
    ])
    func parsesValidSizes(_ text: String, _ bytes: Int) {
        #expect(ByteSizeSyntax.parse(text) == bytes)
    }

    @Test(arguments: ["", "MB", "20XB", "-1MB", "1.5MB", "20 M B"])
    func rejectsInvalidSizes(_ text: String) {
        #expect(ByteSizeSyntax.parse(text) == nil)
    }
}
