/// What a fetch cycle hears while it runs: a source's transfer ended, a
/// document was parsed, or the whole batch of transfers is done (with every
/// result, for a transport that does not stream them).
enum CycleEvent: Sendable {
    case fetched(SourceID, Result<FetchResponse, FetchError>)
    case parsed(SourceID, Result<ParsedFeed, ParseError>)
    case transferred([SourceID: Result<FetchResponse, FetchError>])
}
