import Testing
@testable import NyhetsbrevCore

@Suite struct SourceIDTests {
    @Test(arguments: ["rcc-mellansverige", "skr", "a1"])
    func acceptsValidIDs(_ raw: String) { #expect(SourceID.isValid(raw)) }

    @Test(arguments: ["", "RCC", "rcc_x", "rcc x", "å"])
    func rejectsInvalidIDs(_ raw: String) { #expect(!SourceID.isValid(raw)) }
}
