/**
 * msal-node `IPartitionManager` pinned to one patbot user: reads and writes go to that user's
 * partition whatever account the cache holds (one client application per operation).
 */
import type { IPartitionManager } from '@azure/msal-node';

export class UserPartitionManager implements IPartitionManager {
  constructor(private readonly partitionKey: string) {}

  async getKey(): Promise<string> {
    return this.partitionKey;
  }

  async extractKey(): Promise<string> {
    return this.partitionKey;
  }
}
