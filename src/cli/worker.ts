// Worker thread entry for batch jobs (filled in by the export command).
export {};
