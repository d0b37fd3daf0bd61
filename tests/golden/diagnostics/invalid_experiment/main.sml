UserId: Entity[str] = EntityJson(type='User', path='$.user_id')
Trial = Experiment(
    entity=UserId,
    buckets=['a', 'b'],  # EXPECT-ERROR: [InvalidExperiment]
    bucket_sizes=[50.0, 50.0],
    version=1,
    revision=0,
)
