import { useState } from 'react';
import type { UserView } from '../../../shared/protocol/auth';
import { Onboarding } from './Onboarding';
import { Workspace } from './Workspace';

const onboardedKey = (userId: string) => `parley.onboarded.${userId}`;

/** The worker's page: onboarding (once per account and browser), then the task stream. */
export function AnnotatePage({ user }: { user: UserView }) {
  const [onboarded, setOnboarded] = useState(
    () => localStorage.getItem(onboardedKey(user.id)) !== null,
  );
  if (!onboarded) {
    return (
      <Onboarding
        canSkip={!user.roles.includes('worker')}
        onDone={() => {
          localStorage.setItem(onboardedKey(user.id), new Date().toISOString());
          setOnboarded(true);
        }}
      />
    );
  }
  return <Workspace />;
}
