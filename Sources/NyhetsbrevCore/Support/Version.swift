/// The version printed by `nyhetsbrev --version` and sent in the User-Agent.
public enum NyhetsbrevVersion {
    public static let current = "0.1.0"
}
