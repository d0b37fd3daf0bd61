UserId: Entity[str] = EntityJson(type='User', path='$.user_id')
Trial = Experiment(
    entity=UserId,
    buckets=['control', 'treatment'],
    bucket_sizes=[50.0, 50.0],
    version=1,
    revision=0,
)
Limit = ExperimentWhen(  # EXPECT-ERROR: [InvalidExperiment]
    experiment=Trial,
    control=[10],
    treatmnt=[20],  # EXPECT-ERROR: [InvalidExperiment]
)
