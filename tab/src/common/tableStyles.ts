import { makeStyles, tokens } from '@fluentui/react-components';

export const useTableStyles = makeStyles({
  wrap: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalS,
    overflowX: 'auto',
  },
  caption: { textAlign: 'left', padding: tokens.spacingVerticalS, color: tokens.colorNeutralForeground2 },
  more: { marginTop: tokens.spacingVerticalM },
  empty: { padding: tokens.spacingVerticalM },
});
