import Testing
@testable import NyhetsbrevCore

@Suite struct SearchFoldingTablesTests {
    @Test func everyEntryIsWhatFoundationComputes() {
        let ranges: [Range<UInt32>] = [0x80..<0x250, 0x2000..<0x2070]
        var checked = 0
        for value in ranges.joined() {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(Array(SearchFolding.unicodeFold(scalar)) == Array(SearchFolding.foundationFold(scalar)), "U+\(String(value, radix: 16))")
            checked += 1
        }
        #expect(checked == 0x1D0 + 0x70)
        #expect(SearchFoldingTables.latin.count == 0x1D0)
        #expect(SearchFoldingTables.punctuation.count == 0x70)
    }
}
