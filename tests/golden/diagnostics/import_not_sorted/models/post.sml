PostId: Entity[str] = EntityJson(type='Post', path='$.post.id')
