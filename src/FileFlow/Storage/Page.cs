namespace FileFlow.Storage;

/// <summary>One page of results and the token that fetches the next page.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The items on this page.</param>
/// <param name="ContinuationToken">Pass as <see cref="DocumentQuery.After"/> for the next page; <see langword="null"/> on the last page.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, string? ContinuationToken);
