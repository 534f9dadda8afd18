using FileFlow.Organisation;

namespace FileFlow.Authority;

/// <summary>The authority policy's answer for a permitted action: the post the officer acts for, and in what capacity.</summary>
/// <param name="ActingAs">The post acted for (signed into the record).</param>
/// <param name="Capacity">The capacity: holder, delegate in charge, administrator, applicant or the system.</param>
public readonly record struct Authorisation(PostId ActingAs, ActingCapacity Capacity);
